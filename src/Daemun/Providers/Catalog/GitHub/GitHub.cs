using System.Text.Json;

namespace Daemun.Providers;

/// <summary>GitHub, OAuth 2.0; the primary verified email comes from <c>/user/emails</c> when <c>/user</c> has none.</summary>
[BuiltInProvider(Id)]
public static class GitHub
{
    /// <summary>The provider id.</summary>
    public const string Id = "github";

    /// <summary>GitHub's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "GitHub",
        Order = 40,
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://github.com/login/oauth/authorize",
        TokenEndpoint = "https://github.com/login/oauth/access_token",
        UserInfoEndpoint = "https://api.github.com/user",
        Scopes = ["read:user", "user:email"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new GitHubTokenResponse(),
        MapProfile = Map,
        Fields = new("id", "name", "email", "avatar_url", "verified"),
        EmailVerifiedRule = "/user/emails marks the primary address verified",
        DocumentationLinks = ["https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps", "https://github.com/logos"],
        EmailFallback = new("https://api.github.com/user/emails", PrimaryVerifiedEmail),
        // the grey edge keeps the dark button visible on a dark page (WCAG 1.4.11: 3:1 against #121212 and white alike)
        Style = new("#24292F", "#FFFFFF",
            """<svg viewBox="0 0 16 16" aria-hidden="true"><path fill="#fff" d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z"/></svg>""", Border: "#8B949E"),
    };

    /// <summary>GitHub's <c>/user</c>: its email is not known to be verified, so the engine asks <c>/user/emails</c>, which settles it.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name") ?? Json.Text(p, "login"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "avatar_url"));

    /// <summary>The primary, verified address from <c>/user/emails</c>; else the primary one, unverified.</summary>
    public static (string? Email, bool Verified) PrimaryVerifiedEmail(JsonElement emails)
    {
        if (emails.ValueKind != JsonValueKind.Array) return (null, false);
        foreach (var e in emails.EnumerateArray())
        {
            if (Json.Bool(e, "primary")) return (Json.Text(e, "email"), Json.Bool(e, "verified"));
        }
        return (null, false);
    }
}
