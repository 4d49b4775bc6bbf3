using System.Text.Json;

namespace Daemun.Providers;

/// <summary>X's <c>GET /2/users/me?user.fields=profile_image_url,confirmed_email</c>: the user is the <c>data</c> member; an answer without it
/// (X's <c>errors</c> array) holds no profile.</summary>
internal sealed class XProfileRequest : ProfileRequest
{
    public XProfileRequest() => Query = new Dictionary<string, string>(StringComparer.Ordinal) { ["user.fields"] = "profile_image_url,confirmed_email" };

    /// <inheritdoc/>
    public override JsonElement? Profile(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : null;
}
