namespace Daemun.Emulator;

/// <summary>The app registered at an emulated provider.</summary>
/// <param name="Provider">Provider id.</param>
/// <param name="ClientId">emulator-{provider}-client.</param>
/// <param name="ClientSecret">emulator-{provider}-secret.</param>
/// <param name="SecretRequired">False only for Kakao unless <see cref="EmulatorOptions.KakaoRequireSecret"/> is set.</param>
public sealed record EmulatorClient(string Provider, string ClientId, string ClientSecret, bool SecretRequired)
{
    /// <summary>Kakao's numeric app id (access_token_info's app_id).</summary>
    public long AppId { get; init; } = 1_000_001;

    /// <summary>Kakao's admin key (<c>Authorization: KakaoAK …</c> on logout/unlink); null for the other providers.</summary>
    public string? AdminKey { get; init; }
}
