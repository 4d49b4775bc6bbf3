using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Box, OAuth 2.0; the profile is <c>GET /2.0/users/me</c>, whose <c>login</c> is the account's address (docs/providers/box.md).</summary>
[BuiltInProvider(Id)]
public static class Box
{
    /// <summary>The provider id (Auth.js: <c>box</c>).</summary>
    public const string Id = "box";

    /// <summary>Box's declaration. Box grants the scopes configured for the app; none are sent.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Box",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://account.box.com/api/oauth2/authorize",
        TokenEndpoint = "https://api.box.com/oauth2/token",
        UserInfoEndpoint = "https://api.box.com/2.0/users/me",
        RevocationEndpoint = "https://api.box.com/oauth2/revoke",
        Unlink = UnlinkMethod.Revoke,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "name", "login", "avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developer.box.com/guides/authentication/oauth2/", "https://developer.box.com/reference/get-users-me/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Box's user object: <c>id</c> (a string), <c>name</c>, <c>login</c> (the address), <c>avatar_url</c>. Box documents no
    /// verification state for <c>login</c>, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name"),
        Json.Text(p, "login"),
        EmailVerified: false,
        Json.Text(p, "avatar_url"));
}
