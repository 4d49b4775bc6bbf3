using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Deezer's API (docs/providers/deezer.md): a failure comes with HTTP 200 and an <c>error</c> object (<c>type</c>, <c>message</c>,
/// <c>code</c>) instead of the user.</summary>
internal sealed class DeezerProfileRequest : ProfileRequest
{
    public override string? Failure(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var error)
            ? Json.Text(error, "code") is { } code ? "error " + code : "error"
            : null;
}
