using System.Text.Json;

namespace Daemun.Providers;

/// <summary>freee (freee会計 and the other freee APIs), OAuth 2.0; the profile is the <c>user</c> member of
/// <c>GET /api/1/users/me</c> (docs/providers/freee.md).</summary>
[BuiltInProvider(Id)]
public static class Freee
{
    /// <summary>The provider id.</summary>
    public const string Id = "freee";

    /// <summary>freee's declaration. freee grants the permissions chosen for the app; no scope is sent.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "freee",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://accounts.secure.freee.co.jp/public_api/authorize",
        TokenEndpoint = "https://accounts.secure.freee.co.jp/public_api/token",
        UserInfoEndpoint = "https://api.freee.co.jp/api/1/users/me",
        RevocationEndpoint = "https://accounts.secure.freee.co.jp/public_api/revoke",
        Unlink = UnlinkMethod.Revoke,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("user.id", "user.display_name", "user.email", null),
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "prompt" },
        DocumentationLinks = ["https://developer.freee.co.jp/reference/%E8%AA%8D%E5%8F%AF%E3%82%B3%E3%83%BC%E3%83%89", "https://developer.freee.co.jp/startguide/getting-access-token", "https://developer.freee.co.jp/reference/accounting/reference#/Users/get_users_me"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>freee's user: <c>id</c> (a number), <c>display_name</c> (else <c>last_name</c> and <c>first_name</c>), <c>email</c>; no picture.
    /// freee documents no verification state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement answer)
    {
        var p = Json.Member(answer, "user");
        var full = string.Join(' ', new[] { Json.Text(p, "last_name"), Json.Text(p, "first_name") }.OfType<string>());
        return new(
            Json.Text(p, "id"),
            Json.Text(p, "display_name") ?? (full.Length > 0 ? full : null),
            Json.Text(p, "email"),
            EmailVerified: false,
            null);
    }
}
