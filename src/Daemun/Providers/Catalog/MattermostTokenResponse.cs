using System.Text.Json;
using System.Text.RegularExpressions;

namespace Daemun.Providers;

/// <summary>Mattermost's token endpoint refuses with its own error body, not RFC 6749 §5.2's:
/// <c>{"id":"api.oauth.get_access_token.expired_code.app_error","message":"invalid_grant: Invalid or expired authorization code.",
/// "detailed_error":"","request_id":"…","status_code":400}</c> (developers.mattermost.com/api-documentation, Errors). The error code is the
/// RFC 6749 code the English message starts with (<c>invalid_grant</c>), else the error's <c>id</c>; the message itself is never kept.</summary>
internal sealed partial class MattermostTokenResponse : TokenResponse
{
    public override string? Error(JsonElement answer)
    {
        if (base.Error(answer) is { } error) return error;
        if (Json.Text(answer, "id") is not { } id || !answer.TryGetProperty("status_code", out _)) return null;
        return Json.Text(answer, "message") is { } message && RfcCodePrefix().Match(message) is { Success: true } code ? code.Groups[1].Value : id;
    }

    [GeneratedRegex("^([a-z_]{1,40}):")]
    private static partial Regex RfcCodePrefix();
}
