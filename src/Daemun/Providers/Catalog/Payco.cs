using System.Text.Json;

namespace Daemun.Providers;

/// <summary>PAYCO 로그인 (NHN PAYCO), OAuth 2.0; the member API is a POST with the client id and the access token in headers, answering in
/// NHN's envelope (<c>header.isSuccessful</c>, <c>resultCode</c>) with the member in <c>data.member</c> (docs/providers/payco.md).</summary>
[BuiltInProvider(Id)]
public static class Payco
{
    /// <summary>The provider id.</summary>
    public const string Id = "payco";

    /// <summary>PAYCO's declaration. PAYCO grants the items chosen for the app in its developer centre; no scope is sent.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "PAYCO",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://id.payco.com/oauth2.0/authorize",
        TokenEndpoint = "https://id.payco.com/oauth2.0/token",
        UserInfoEndpoint = "https://apis-payco.krp.toastoven.net/payco/friends/find_member_v2.json",
        AuthorizationParameters = new Dictionary<string, string> { ["serviceProviderCode"] = "FRIENDS", ["userLocale"] = "ko_KR" },
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new() { ExpiresInMayBeString = true },
        Profile = new PaycoProfileRequest(),
        MapProfile = Map,
        Fields = new("idNo", "name", "email", null),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developers.payco.com/guide/development/apply", "https://developers.payco.com/guide"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>PAYCO's member: <c>idNo</c> (the member's unique id, a string), <c>name</c>, <c>email</c>; no picture. PAYCO documents no
    /// verification state for the address, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "idNo"),
        Json.Text(p, "name"),
        Json.Text(p, "email"),
        EmailVerified: false,
        null);
}
