using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Threads (Meta), OAuth 2.0 (docs/providers/threads.md). The profile is <c>graph.threads.net/v1.0/me</c> with the fields asked
/// for in the query; Threads gives no email.</summary>
[BuiltInProvider(Id)]
public static class Threads
{
    /// <summary>The provider id (Auth.js: <c>threads</c>).</summary>
    public const string Id = "threads";

    /// <summary>Threads' declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Threads",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://threads.net/oauth/authorize",
        TokenEndpoint = "https://graph.threads.net/oauth/access_token",
        UserInfoEndpoint = "https://graph.threads.net/v1.0/me",
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["fields"] = "id,username,name,threads_profile_picture_url" } },
        Scopes = ["threads_basic"],
        ScopeSeparator = ",",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "name", null, "threads_profile_picture_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions",
            "https://developers.facebook.com/docs/threads/threads-profiles",
        ],
        Style = new("#000000", "#FFFFFF"),
    };

    /// <summary>The Threads user: <c>id</c>, <c>name</c> before <c>username</c>, <c>threads_profile_picture_url</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name") ?? Json.Text(p, "username"),
        Email: null,
        EmailVerified: false,
        Json.Text(p, "threads_profile_picture_url"));
}
