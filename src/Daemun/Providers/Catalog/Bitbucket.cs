using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Bitbucket Cloud, OAuth 2.0; the confirmed primary address comes from <c>/2.0/user/emails</c>, as GitHub's does (docs/providers/bitbucket.md).</summary>
[BuiltInProvider(Id)]
public static class Bitbucket
{
    /// <summary>The provider id (Auth.js: <c>bitbucket</c>).</summary>
    public const string Id = "bitbucket";

    /// <summary>Bitbucket's declaration. Bitbucket reads the scopes (<c>account</c>, <c>email</c>) from the OAuth consumer's settings, not
    /// from the request, so none are sent.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Bitbucket",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://bitbucket.org/site/oauth2/authorize",
        TokenEndpoint = "https://bitbucket.org/site/oauth2/access_token",
        UserInfoEndpoint = "https://api.bitbucket.org/2.0/user",
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("account_id", "display_name", null, "links.avatar.href", null),
        EmailVerifiedRule = "/2.0/user/emails marks the primary address confirmed (is_confirmed)",
        EmailFallback = new("https://api.bitbucket.org/2.0/user/emails", PrimaryConfirmedEmail),
        DocumentationLinks = ["https://developer.atlassian.com/cloud/bitbucket/oauth-2/", "https://developer.atlassian.com/cloud/bitbucket/rest/api-group-users/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Bitbucket's <c>/2.0/user</c>: it carries no email, so the engine asks <c>/2.0/user/emails</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "account_id"),
        Json.Text(p, "display_name") ?? Json.Text(p, "nickname"),
        null,
        EmailVerified: false,
        Json.Path(p, "links.avatar.href"));

    /// <summary>The primary address from the paginated <c>values</c> of <c>/2.0/user/emails</c>, verified when <c>is_confirmed</c> is true.</summary>
    public static (string? Email, bool Verified) PrimaryConfirmedEmail(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array) return (null, false);
        foreach (var e in values.EnumerateArray())
        {
            if (Json.Bool(e, "is_primary")) return (Json.Text(e, "email"), Json.Bool(e, "is_confirmed"));
        }
        return (null, false);
    }
}
