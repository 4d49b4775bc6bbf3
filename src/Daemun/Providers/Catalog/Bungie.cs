using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Bungie.net, OAuth 2.0 (docs/providers/bungie.md): HTTP Basic client authentication for confidential clients, every API call
/// carries the app's <c>X-API-Key</c> (the <c>ApiKey</c> setting), and the profile is
/// <c>/Platform/User/GetMembershipsForCurrentUser/</c> in Bungie's <c>Response</c> envelope whose <c>ErrorStatus</c> is <c>Success</c>;
/// Bungie gives no email.</summary>
[BuiltInProvider(Id)]
public static class Bungie
{
    /// <summary>The provider id (Auth.js: <c>bungie</c>).</summary>
    public const string Id = "bungie";

    /// <summary>Bungie's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Bungie",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.bungie.net/en/OAuth/Authorize",
        TokenEndpoint = "https://www.bungie.net/Platform/App/OAuth/Token/",
        UserInfoEndpoint = "https://www.bungie.net/Platform/User/GetMembershipsForCurrentUser/",
        Parameters = [new("ApiKey", "The API key of your Bungie.net application, sent as X-API-Key on every API call.", "4e2f6b0c8a7d4b1e9f3c5a2d7e8b9c0a")],
        Profile = new BungieProfileRequest { Headers = new Dictionary<string, string> { ["X-API-Key"] = "{ApiKey}" } },
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        ReauthenticationParameters = new Dictionary<string, string> { ["reauth"] = "true" },
        MapProfile = Map,
        Fields = new("bungieNetUser.membershipId", "bungieNetUser.displayName", null, "bungieNetUser.profilePicturePath"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://github.com/Bungie-net/api/wiki/OAuth-Documentation",
            "https://bungie-net.github.io/multi/operation_get_User-GetMembershipDataForCurrentUser.html",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The <c>Response</c> (<see cref="BungieProfileRequest"/> unwraps it): <c>bungieNetUser.membershipId</c>, its <c>uniqueName</c>
    /// (Bungie Name with code) or <c>displayName</c>, and <c>profilePicturePath</c> made absolute; no email.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var user = Json.Member(p, "bungieNetUser");
        var picture = Json.Text(user, "profilePicturePath");
        return new(
            Json.Text(user, "membershipId"),
            Json.Text(user, "uniqueName") ?? Json.Text(user, "displayName"),
            Email: null,
            EmailVerified: false,
            picture is null ? null : picture.StartsWith("https://", StringComparison.Ordinal) ? picture : "https://www.bungie.net" + (picture.StartsWith('/') ? "" : "/") + picture);
    }
}
