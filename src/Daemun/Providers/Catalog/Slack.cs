namespace Daemun.Providers;

/// <summary>Sign in with Slack, OpenID Connect (issuer <c>https://slack.com</c>); Slack's userinfo and token answers report failures with
/// HTTP 200 and <c>"ok": false</c> (docs/providers/slack.md).</summary>
[BuiltInProvider(Id)]
public static class Slack
{
    /// <summary>The provider id (Auth.js: <c>slack</c>).</summary>
    public const string Id = "slack";

    /// <summary>Slack's declaration: endpoints from discovery, the profile from <c>openid.connect.userInfo</c>.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Slack",
        Kind = ProviderKind.Oidc,
        Issuer = "https://slack.com",
        Scopes = ["openid", "profile", "email"],
        RequiredScopes = ["openid"],
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new() { RefusesWithHttp200 = true },
        Profile = new SlackProfileRequest(),
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "name", "email", "picture", "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true",
        PassThroughParameters = new HashSet<string> { "team" },
        DocumentationLinks = ["https://docs.slack.dev/authentication/sign-in-with-slack/", "https://docs.slack.dev/reference/methods/openid.connect.userInfo"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}
