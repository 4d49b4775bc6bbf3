using System.Text.Json;

namespace Daemun.Providers;

/// <summary>SoundCloud, OAuth 2.1 with PKCE (docs/providers/soundcloud.md): authorization at <c>secure.soundcloud.com</c>, the profile at
/// <c>api.soundcloud.com/me</c> with the token under the <c>OAuth</c> scheme; the account is the user's <c>urn</c>. SoundCloud gives no email.</summary>
[BuiltInProvider(Id)]
public static class SoundCloud
{
    /// <summary>The provider id (not in Auth.js).</summary>
    public const string Id = "soundcloud";

    /// <summary>SoundCloud's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "SoundCloud",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://secure.soundcloud.com/authorize",
        TokenEndpoint = "https://secure.soundcloud.com/oauth/token",
        UserInfoEndpoint = "https://api.soundcloud.com/me",
        Profile = new ProfileRequest { TokenScheme = "OAuth" },
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("urn", "full_name", null, "avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.soundcloud.com/docs/api/guide#authentication",
            "https://developers.soundcloud.com/docs/api/explorer/open-api#/me/get_me",
            "https://developers.soundcloud.com/docs/api/buttons-logos",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>SoundCloud's user: <c>urn</c> (<c>soundcloud:users:…</c>, replacing the numeric <c>id</c>), <c>full_name</c> before <c>username</c>,
    /// <c>avatar_url</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "urn"),
        Json.Text(p, "full_name") ?? Json.Text(p, "username"),
        Email: null,
        EmailVerified: false,
        Json.Text(p, "avatar_url"));
}
