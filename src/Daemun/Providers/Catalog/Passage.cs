namespace Daemun.Providers;

/// <summary>Passage by 1Password, passkey sign-in over OpenID Connect per app (docs/providers/passage.md).</summary>
[BuiltInProvider(Id)]
public static class Passage
{
    /// <summary>The provider id (Auth.js: <c>passage</c>).</summary>
    public const string Id = "passage";

    /// <summary>Passage's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Passage by 1Password",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{AppId}.withpassage.com",
        Scopes = ["openid", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        PassThroughParameters = new HashSet<string> { "login_hint" },
        Parameters = [new("AppId", "Your Passage app's id.", "aB3cD4eF5gH6iJ7kL8mN9oP0")],
        DocumentationLinks = ["https://docs.passage.id/hosted-login/oidc-client-configuration"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}
