using System.Text.Json;

namespace Daemun.Providers;

/// <summary>LINE WORKS / NAVER WORKS (Works Mobile) user-account authentication, OAuth 2.0 (API 2.0); the profile is <c>GET /v1.0/users/me</c>.
/// The authorization server and the API host differ by region and sector, so both are settings (docs/providers/line-works.md).</summary>
[BuiltInProvider(Id)]
public static class LineWorks
{
    /// <summary>The provider id.</summary>
    public const string Id = "line-works";

    /// <summary>LINE WORKS' declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "LINE WORKS",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{Domain}/oauth2/v2.0/authorize",
        TokenEndpoint = "https://{Domain}/oauth2/v2.0/token",
        UserInfoEndpoint = "https://{ApiDomain}/v1.0/users/me",
        Scopes = ["user.profile.read"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new() { ExpiresInMayBeString = true },
        Parameters =
        [
            new("Domain", "The authorization server: auth.worksmobile.com (LINE WORKS), auth.naverworks.com (NAVER WORKS), auth.gov-naverworks.com (NAVER WORKS for the public sector).", "auth.naverworks.com", "auth.worksmobile.com"),
            new("ApiDomain", "The API host: www.worksapis.com, or gov.worksapis.com for the public sector.", "gov.worksapis.com", "www.worksapis.com"),
        ],
        MapProfile = Map,
        Fields = new("userId", "userName.lastName", "email", null),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developers.worksmobile.com/jp/docs/auth-oauth", "https://developers.worksmobile.com/kr/docs/auth-oauth"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The member: <c>userId</c>, the name from <c>userName</c> (last name first, as the service shows it; else <c>nickName</c>),
    /// <c>email</c> (the WORKS account, set by the organisation's administrator); no picture. It is not documented as verified, so it never
    /// counts as verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var userName = Json.Member(p, "userName");
        var name = string.Join(' ', new[] { Json.Text(userName, "lastName"), Json.Text(userName, "firstName") }.OfType<string>());
        return new(
            Json.Text(p, "userId"),
            name.Length > 0 ? name : Json.Text(p, "nickName"),
            Json.Text(p, "email"),
            EmailVerified: false,
            null);
    }
}
