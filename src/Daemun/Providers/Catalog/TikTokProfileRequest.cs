using System.Text.Json;

namespace Daemun.Providers;

/// <summary>TikTok's user info API (docs/providers/tiktok.md): the user is <c>data.user</c>, and the answer's <c>error.code</c> is <c>ok</c> on
/// success, another code on failure.</summary>
internal sealed class TikTokProfileRequest : ProfileRequest
{
    public override string? Failure(JsonElement answer) =>
        Json.Path(answer, "error.code") is "ok" ? null : Json.Path(answer, "error.code") ?? "no error.code";

    public override JsonElement? Profile(JsonElement answer) =>
        Json.Member(Json.Member(answer, "data"), "user") is { ValueKind: JsonValueKind.Object } user ? user : null;
}
