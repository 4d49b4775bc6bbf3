using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Coinbase, OAuth 2.0 with PKCE and comma-separated scopes; the profile is the <c>data</c> member of <c>GET /v2/user</c> (docs/providers/coinbase.md).</summary>
[BuiltInProvider(Id)]
public static class Coinbase
{
    /// <summary>The provider id (Auth.js: <c>coinbase</c>).</summary>
    public const string Id = "coinbase";

    /// <summary>Coinbase's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Coinbase",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://login.coinbase.com/oauth2/auth",
        TokenEndpoint = "https://login.coinbase.com/oauth2/token",
        UserInfoEndpoint = "https://api.coinbase.com/v2/user",
        RevocationEndpoint = "https://login.coinbase.com/oauth2/revoke",
        Unlink = UnlinkMethod.Revoke,
        Scopes = ["wallet:user:read", "wallet:user:email"],
        ScopeSeparator = ",",
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("data.id", "data.name", "data.email", "data.avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://docs.cdp.coinbase.com/coinbase-app/oauth2-integration/reference", "https://docs.cdp.coinbase.com/coinbase-app/oauth2-integration/integrations"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The user resource inside <c>data</c>: <c>id</c> (a UUID), <c>name</c> (else <c>username</c>), <c>email</c>, <c>avatar_url</c>.
    /// Coinbase documents no verification flag on the address, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement answer)
    {
        var p = Json.Member(answer, "data");
        return new(
            Json.Text(p, "id"),
            Json.Text(p, "name") ?? Json.Text(p, "username"),
            Json.Text(p, "email"),
            EmailVerified: false,
            Json.Text(p, "avatar_url"));
    }
}
