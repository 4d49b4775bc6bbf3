using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Asgardeo (WSO2), OpenID Connect per organization; the issuer is the organization's token endpoint
/// (docs/providers/asgardeo.md).</summary>
[BuiltInProvider(Id)]
public static class Asgardeo
{
    /// <summary>The provider id (Auth.js: <c>asgardeo</c>).</summary>
    public const string Id = "asgardeo";

    /// <summary>Asgardeo's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Asgardeo", "https://api.asgardeo.io/t/{Organization}/oauth2/token",
            [new("Organization", "Your Asgardeo organization's name.", "example")]);
        p.MapProfile = Map;
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "fidp" };
        p.DocumentationLinks = ["https://wso2.com/asgardeo/docs/guides/authentication/oidc/implement-auth-code/", "https://wso2.com/asgardeo/docs/guides/users/attributes/manage-scopes/"];
        return p;
    }

    /// <summary>Standard claims; Asgardeo's profile scope sends <c>given_name</c> and <c>family_name</c>, joined as the name when <c>name</c> is absent.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var joined = string.Join(' ', new[] { Json.Text(p, "given_name"), Json.Text(p, "family_name") }.OfType<string>());
        return new(
            Json.Text(p, "sub"),
            Json.Text(p, "name") ?? (joined.Length > 0 ? joined : null) ?? Json.Text(p, "preferred_username") ?? Json.Text(p, "username"),
            Json.Text(p, "email"),
            Json.Bool(p, "email_verified"),
            Json.Text(p, "picture"));
    }
}
