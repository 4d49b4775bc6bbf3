using System.Text.Json;

namespace Daemun.Providers;

/// <summary>ClickUp, OAuth 2.0; the profile is the <c>user</c> member of <c>GET /api/v2/user</c> (docs/providers/click-up.md).</summary>
[BuiltInProvider(Id)]
public static class ClickUp
{
    /// <summary>The provider id (Auth.js: <c>click-up</c>).</summary>
    public const string Id = "click-up";

    /// <summary>ClickUp's declaration. ClickUp has no scopes.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "ClickUp",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://app.clickup.com/api",
        TokenEndpoint = "https://api.clickup.com/api/v2/oauth/token",
        UserInfoEndpoint = "https://api.clickup.com/api/v2/user",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("user.id", "user.username", "user.email", "user.profilePicture"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developer.clickup.com/docs/authentication", "https://developer.clickup.com/reference/getauthorizeduser"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The authorized user inside <c>user</c>: <c>id</c> (a number), <c>username</c>, <c>email</c>, <c>profilePicture</c>. ClickUp
    /// documents no verification state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement answer)
    {
        var p = Json.Member(answer, "user");
        return new(
            Json.Text(p, "id"),
            Json.Text(p, "username"),
            Json.Text(p, "email"),
            EmailVerified: false,
            Json.Text(p, "profilePicture"));
    }
}
