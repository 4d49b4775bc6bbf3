namespace Daemun.Providers;

/// <summary>LinkedIn, "Sign In with LinkedIn using OpenID Connect" via discovery (docs/providers/linkedin.md). LinkedIn does not support
/// PKCE for web apps; its userinfo and id_token carry the standard claims with <c>email_verified</c>.</summary>
[BuiltInProvider(Id)]
public static class LinkedIn
{
    /// <summary>The provider id (Auth.js: <c>linkedin</c>).</summary>
    public const string Id = "linkedin";

    /// <summary>LinkedIn's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "LinkedIn",
        Kind = ProviderKind.Oidc,
        Issuer = "https://www.linkedin.com/oauth",
        Scopes = ["openid", "profile", "email"],
        RequiredScopes = ["openid"],
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "name", "email", "picture", "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true",
        DocumentationLinks =
        [
            "https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2",
            "https://brand.linkedin.com/",
        ],
        Style = new("#0A66C2", "#FFFFFF"),
    };
}
