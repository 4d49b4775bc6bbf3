using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daemun.Providers;

/// <summary>Entra's userinfo (Microsoft Graph's <c>/oidc/userinfo</c>) has the name but not the claims the email rule needs: the email and
/// <c>xms_edov</c> are taken from the id_token of the same token response — which the engine has validated (signature, iss by
/// <see cref="EntraIssuerRule"/>, aud, nonce, and userinfo's <c>sub</c> equal to its <c>sub</c>) before the profile is read. Without an
/// id_token the profile has no email.</summary>
internal sealed class EntraProfileRequest : ProfileRequest
{
    private static readonly string[] FromIdToken = ["email", "xms_edov", "tid", "preferred_username"];

    /// <inheritdoc/>
    public override JsonElement Combine(JsonElement profile, JsonElement tokenResponse)
    {
        if (JsonNode.Parse(profile.GetRawText()) is not JsonObject joined) return profile;
        foreach (var name in FromIdToken) joined.Remove(name);
        if (Claims(Json.Text(tokenResponse, "id_token")) is { } claims)
        {
            foreach (var name in FromIdToken)
            {
                if (claims.TryGetProperty(name, out var value)) joined[name] = JsonNode.Parse(value.GetRawText());
            }
        }
        return JsonSerializer.SerializeToElement(joined);
    }

    /// <summary>The payload of a compact JWS, or null when it is not one.</summary>
    private static JsonElement? Claims(string? idToken)
    {
        var parts = idToken?.Split('.');
        if (parts is not { Length: 3 } || !Base64Url.IsValid(parts[1])) return null;
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object ? payload.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
