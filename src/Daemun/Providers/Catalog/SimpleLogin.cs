using System.Text.Json;

namespace Daemun.Providers;

/// <summary>SimpleLogin ("Sign in with SimpleLogin"), OpenID Connect; the email may be one of the person's aliases
/// (docs/providers/simplelogin.md).</summary>
[BuiltInProvider(Id)]
public static class SimpleLogin
{
    /// <summary>The provider id (Auth.js: <c>simplelogin</c>).</summary>
    public const string Id = "simplelogin";

    /// <summary>SimpleLogin's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "SimpleLogin",
        Kind = ProviderKind.Oidc,
        Issuer = "https://app.simplelogin.io",
        Scopes = ["openid", "profile", "email"],
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("sub", "name", "email", "avatar_url", "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true",
        DocumentationLinks = ["https://simplelogin.io/docs/siwsl/intro/", "https://simplelogin.io/developer/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>SimpleLogin's userinfo: <c>sub</c> (the numeric <c>id</c> as text), <c>name</c>, <c>email</c>, <c>email_verified</c>, <c>avatar_url</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub") ?? Json.Text(p, "id"),
        Json.Text(p, "name"),
        Json.Text(p, "email"),
        Json.Bool(p, "email_verified"),
        Json.Text(p, "avatar_url") ?? Json.Text(p, "picture"));
}
