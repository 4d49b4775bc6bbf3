using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Kakao Login (docs/providers/kakao.md).</summary>
[BuiltInProvider(Id)]
public static class Kakao
{
    /// <summary>The provider id.</summary>
    public const string Id = "kakao";

    /// <summary>The modes <c>Daemun:Providers:kakao:Mode</c> selects.</summary>
    public static IReadOnlyDictionary<string, Func<ProviderOptions>> Modes { get; } =
        new Dictionary<string, Func<ProviderOptions>>(StringComparer.Ordinal) { ["classic"] = Defaults, ["oidc"] = OidcDefaults };

    /// <summary>Kakao's declaration: REST API key as client id, optional secret sent in the body only, no default scope (KOE205).</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "카카오",
        Order = 20,
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://kauth.kakao.com/oauth/authorize",
        TokenEndpoint = "https://kauth.kakao.com/oauth/token",
        UserInfoEndpoint = "https://kapi.kakao.com/v2/user/me",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        ClientSecretOptional = true,
        Unlink = UnlinkMethod.BearerPost,
        UnlinkEndpoint = "https://kapi.kakao.com/v1/user/unlink",
        UnlinkRequest = new KakaoUnlinkRequest(),
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        LogoutEndpoint = "https://kapi.kakao.com/v1/user/logout",
        BrowserLogoutEndpoint = "https://kauth.kakao.com/oauth/logout",
        LogoutRequest = new KakaoLogoutRequest(),
        Modes = Modes,
        ScopeSeparator = ",",
        UsePkce = true,
        MapProfile = Map,
        Fields = new("id", "kakao_account.profile.nickname", "kakao_account.email", "kakao_account.profile.profile_image_url", "kakao_account.is_email_verified"),
        EmailVerifiedRule = "kakao_account.is_email_valid and kakao_account.is_email_verified are both true",
        DocumentationLinks = ["https://developers.kakao.com/docs/latest/ko/kakaologin/rest-api", "https://developers.kakao.com/docs/latest/ko/kakaologin/design-guide"],
        Style = new("#FEE500", "rgba(0,0,0,0.85)",
            """<svg viewBox="0 0 20 20" aria-hidden="true"><path fill="#000" d="M10 2C5.03 2 1 5.13 1 9c0 2.5 1.68 4.7 4.2 5.93l-.86 3.13c-.08.28.24.5.48.34l3.73-2.47c.47.05.95.07 1.45.07 4.97 0 9-3.13 9-7S14.97 2 10 2z"/></svg>"""),
    };

    /// <summary>Kakao in OpenID Connect mode (§5): openid added to the comma-separated scope, nonce, id_token checked against the JWKS
    /// from <c>https://kauth.kakao.com</c>'s discovery. The profile still comes from <c>/v2/user/me</c>, whose numeric id must equal <c>sub</c>.</summary>
    public static ProviderOptions OidcDefaults()
    {
        var p = Defaults();
        p.Kind = ProviderKind.Oidc;
        p.Issuer = "https://kauth.kakao.com";
        p.Scopes = ["openid"];
        p.RequiredScopes = ["openid"];
        p.UseNonce = true;
        p.UserInfoSubject = "id";
        return p;
    }

    /// <summary>Kakao's profile: int64 <c>id</c> kept as a string; email verified only when valid and verified; placeholder image ignored.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var account = Json.Member(p, "kakao_account");
        var profile = Json.Member(account, "profile");
        var properties = Json.Member(p, "properties");
        var email = Json.Text(account, "email");
        var verified = email is not null && Json.Bool(account, "is_email_valid") && Json.Bool(account, "is_email_verified");
        var image = Json.Bool(profile, "is_default_image") ? null : Json.Text(profile, "profile_image_url") ?? Json.Text(properties, "profile_image");
        return new(
            Json.Text(p, "id"),
            Json.Text(profile, "nickname") ?? Json.Text(account, "name") ?? Json.Text(properties, "nickname"),
            email,
            verified,
            image);
    }
}
