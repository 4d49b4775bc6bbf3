using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Frontegg, OpenID Connect on the environment's domain; the endpoints are under <c>/oauth</c> and the keys at
/// <c>/.well-known/jwks.json</c>, so no discovery is read, and the person comes from the id_token (docs/providers/frontegg.md).</summary>
[BuiltInProvider(Id)]
public static class Frontegg
{
    /// <summary>The provider id (Auth.js: <c>frontegg</c>).</summary>
    public const string Id = "frontegg";

    /// <summary>Frontegg's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Frontegg",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}",
        AuthorizationEndpoint = "https://{Domain}/oauth/authorize",
        TokenEndpoint = "https://{Domain}/oauth/token",
        JwksUri = "https://{Domain}/.well-known/jwks.json",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("sub", "name", "email", "profilePictureUrl", "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true",
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        Parameters = [new("Domain", "Your Frontegg environment's domain (Env settings > Domains).", "app-abc123.frontegg.com")],
        DocumentationLinks = ["https://developers.frontegg.com/guides/authentication/hosted-login", "https://developers.frontegg.com/guides/integrations/sso/oidc"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Frontegg's id_token: <c>sub</c>, <c>name</c>, <c>email</c>, <c>email_verified</c>, and the picture as <c>profilePictureUrl</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub"),
        Json.Text(p, "name"),
        Json.Text(p, "email"),
        Json.Bool(p, "email_verified"),
        Json.Text(p, "profilePictureUrl") ?? Json.Text(p, "picture"));
}
