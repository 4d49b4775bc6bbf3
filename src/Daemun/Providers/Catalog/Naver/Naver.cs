using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Naver Login (docs/providers/naver.md): the classic OAuth 2.0 API, or OpenID Connect (§7) with <c>Mode = oidc</c>.</summary>
[BuiltInProvider(Id)]
public static class Naver
{
    /// <summary>The provider id.</summary>
    public const string Id = "naver";

    /// <summary>The modes <c>Daemun:Providers:naver:Mode</c> selects.</summary>
    public static IReadOnlyDictionary<string, Func<ProviderOptions>> Modes { get; } =
        new Dictionary<string, Func<ProviderOptions>>(StringComparer.Ordinal) { ["classic"] = Defaults, ["oidc"] = OidcDefaults };

    /// <summary>Naver's declaration, classic OAuth 2.0 API (the default mode).</summary>
    public static ProviderOptions Defaults() => new()
    {
        Modes = Modes,
        Id = Id,
        Name = "네이버",
        Order = 10,
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://nid.naver.com/oauth2.0/authorize",
        TokenEndpoint = "https://nid.naver.com/oauth2.0/token",
        UserInfoEndpoint = "https://openapi.naver.com/v1/nid/me",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        AcceptsUnlinkNotifications = true,
        UnlinkNotifications = new NaverUnlinkNotificationReceiver(),
        NeverVerifiesEmails = true, // Map: no email is marked verified
        Unlink = UnlinkMethod.Revoke,
        UnlinkRequest = new NaverUnlinkRequest(),
        RevocationEndpoint = "https://nid.naver.com/oauth2.0/revoke",
        ReauthenticationParameters = new Dictionary<string, string> { ["auth_type"] = "reauthenticate" },
        RepromptParameters = new Dictionary<string, string> { ["auth_type"] = "reprompt" },
        AutoLogin = new("NAVER(inapp; search;", new Dictionary<string, string> { ["auth_type"] = "autologin" }),
        GrantedItems = new("https://openapi.naver.com/v1/nid/verify?info=true", AllowedProfile),
        RecommendedMode = ("oidc", "the classic API has no PKCE, so an authorization code that leaks can be redeemed in a sign-in someone else started"),
        TokenResponse = new NaverClassicTokenResponse(),
        MapProfile = Map,
        Profile = new NaverProfileRequest(),
        Fields = new("id", "name", "email", "profile_image"),
        DocumentationLinks = ["https://developers.naver.com/docs/login/api/api.md", "https://developers.naver.com/docs/login/bi/bi.md"],
        Style = new("#03C75A", "#FFFFFF",
            """<svg viewBox="0 0 20 20" aria-hidden="true"><path fill="#fff" d="M13.56 10.7 6.17 0H0v20h6.44V9.3L13.83 20H20V0h-6.44z"/></svg>"""),
    };

    /// <summary>The verify API's <c>response.allowed_profile</c>: the items the person agreed to share, comma-separated (naver.md §5).</summary>
    public static IReadOnlyList<string>? AllowedProfile(JsonElement verify) =>
        Json.Text(verify, "resultcode") == "00" && Json.Member(verify, "response") is { ValueKind: JsonValueKind.Object } r
            ? (Json.Text(r, "allowed_profile") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;

    /// <summary>Naver in OpenID Connect mode (§7): issuer discovery, openid scope, nonce, PKCE S256, id_token checked against Naver's JWKS.
    /// The profile still comes from the classic profile API (Naver's userinfo), so the account id stays Naver's unique id.</summary>
    public static ProviderOptions OidcDefaults()
    {
        var p = Defaults();
        p.Kind = ProviderKind.Oidc;
        p.Issuer = "https://nid.naver.com";
        (p.AuthorizationEndpoint, p.TokenEndpoint) = (null, null); // /oauth2/ (not /oauth2.0/) from discovery
        p.Scopes = ["openid"];
        p.RequiredScopes = ["openid"];
        p.UsePkce = true;
        p.UseNonce = true;
        p.UserInfoSubject = "id";
        p.RecommendedMode = null;
        p.TokenResponse = new NaverTokenResponse(); // /oauth2/token: state is not sent, errors come with 4xx
        return p;
    }

    /// <summary>Naver's profile: every value a string; display name is <c>name</c>, falling back to <c>nickname</c>.
    /// Naver marks no email as verified, so email linking never applies to it.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name") ?? Json.Text(p, "nickname"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "profile_image"));
}
