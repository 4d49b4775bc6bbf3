namespace Daemun.Providers;

/// <summary>GitLab.com, OpenID Connect (issuer <c>https://gitlab.com</c>, PKCE); a self-managed GitLab is the generic <c>oidc</c> type with its
/// own issuer (docs/providers/gitlab.md).</summary>
[BuiltInProvider(Id)]
public static class GitLab
{
    /// <summary>The provider id (Auth.js: <c>gitlab</c>).</summary>
    public const string Id = "gitlab";

    /// <summary>GitLab.com's declaration: endpoints from discovery, the profile from the userinfo endpoint.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "GitLab",
        Kind = ProviderKind.Oidc,
        Issuer = "https://gitlab.com",
        Scopes = ["openid", "profile", "email"],
        RequiredScopes = ["openid"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "name", "email", "picture", "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true",
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        DocumentationLinks = ["https://docs.gitlab.com/integration/openid_connect_provider/", "https://docs.gitlab.com/api/oauth2/", "https://about.gitlab.com/press/press-kit/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}
