using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Qiita API v2, OAuth 2.0; the profile is <c>GET /api/v2/authenticated_user</c>, which has no email. Qiita's token request
/// (<c>POST /api/v2/access_tokens</c>) takes a JSON body and answers 201 with <c>token</c> (docs/providers/qiita.md).</summary>
[BuiltInProvider(Id)]
public static class Qiita
{
    /// <summary>The provider id.</summary>
    public const string Id = "qiita";

    /// <summary>Qiita's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Qiita",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://qiita.com/api/v2/oauth/authorize",
        TokenEndpoint = "https://qiita.com/api/v2/access_tokens",
        UserInfoEndpoint = "https://qiita.com/api/v2/authenticated_user",
        Scopes = ["read_qiita"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenRequest = new() { Format = TokenRequestFormat.Json }, // {"client_id","client_secret","code"}
        // POST /api/v2/access_tokens answers 201 Created with {"client_id","scopes","token"}: no access_token, no token_type
        TokenResponse = new() { SuccessStatus = 201, AccessTokenMember = "token" },
        MapProfile = Map,
        Fields = new("permanent_id", "name", null, "profile_image_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://qiita.com/api/v2/docs", "https://qiita.com/api/v2/docs#post-apiv2access_tokens"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Qiita's authenticated user: <c>permanent_id</c> (a number that never changes; <c>id</c> is the user name, which can),
    /// <c>name</c> (else <c>id</c>), <c>profile_image_url</c>; Qiita gives no email.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "permanent_id"),
        Json.Text(p, "name") ?? Json.Text(p, "id"),
        null,
        EmailVerified: false,
        Json.Text(p, "profile_image_url"));
}
