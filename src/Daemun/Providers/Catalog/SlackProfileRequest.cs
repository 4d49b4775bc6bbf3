using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Slack's <c>openid.connect.userInfo</c> (docs/providers/slack.md): a Web API method, so a failure comes with HTTP 200,
/// <c>"ok": false</c> and an <c>error</c> code (<c>invalid_auth</c>, <c>token_revoked</c>).</summary>
internal sealed class SlackProfileRequest : ProfileRequest
{
    public override string? Failure(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
            ? null
            : Json.Text(answer, "error") ?? "ok is not true";
}
