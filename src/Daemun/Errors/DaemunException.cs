namespace Daemun.Errors;

/// <summary>A sign-in step failed with a known code. <paramref name="detail"/> goes to the log and must hold no secret.</summary>
public sealed class DaemunException(ErrorCode code, string detail, Exception? inner = null) : Exception(detail, inner)
{
    /// <summary>The code shown to the person and the client.</summary>
    public ErrorCode Code { get; } = code;

    /// <summary>The provider's own <c>error</c> value when it refused a request (already reduced to a safe code).</summary>
    public string? ProviderError { get; init; }
}
