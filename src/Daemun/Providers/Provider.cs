using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Which protocol a provider speaks.</summary>
public enum ProviderKind
{
    /// <summary>Plain OAuth 2.0 with a userinfo endpoint.</summary>
    OAuth2,
    /// <summary>OpenID Connect: id_token validated against the provider's JWKS.</summary>
    Oidc,
}

/// <summary>How the client authenticates at the token endpoint.</summary>
public enum ClientAuthentication
{
    /// <summary>client_id and client_secret in the form body.</summary>
    ClientSecretPost,
    /// <summary>HTTP Basic with client_id and client_secret.</summary>
    ClientSecretBasic,
    /// <summary>Public client: client_id only.</summary>
    None,
}

/// <summary>The provider's profile, normalized. <see cref="Raw"/> keeps the provider's JSON as received.</summary>
public sealed record NormalizedProfile(string ProviderAccountId, string? Name, string? Email, bool EmailVerified, string? Image, string Raw);

/// <summary>What a profile mapping extracts from the provider's JSON (the raw JSON is kept by the engine).</summary>
public sealed record ProfileFields(string? Id, string? Name, string? Email, bool EmailVerified, string? Image);

/// <summary>A second endpoint that supplies the email when the profile has none (GitHub's <c>/user/emails</c>).</summary>
public sealed record EmailFallback(string Endpoint, Func<JsonElement, (string? Email, bool Verified)> Select);

/// <summary>Brand colours and logo for the sign-in button.</summary>
public sealed record BrandStyle(string Background, string Text, string? LogoSvg = null, string? Border = null);

/// <summary>How an account link is removed at the provider when a person disconnects it or deletes their user.</summary>
public enum UnlinkMethod
{
    /// <summary>Nothing is sent; the link is only removed here.</summary>
    None,
    /// <summary>RFC 7009 revocation at <see cref="ProviderOptions.RevocationEndpoint"/> with the client's credentials (Naver §3, OIDC).</summary>
    Revoke,
    /// <summary>A POST with the access token as Bearer to <see cref="ProviderOptions.UnlinkEndpoint"/> (Kakao <c>/v1/user/unlink</c>).</summary>
    BearerPost,
}

/// <summary>An API that tells which items the person agreed to share (Naver <c>/v1/nid/verify?info=true</c>), and how to read its answer.</summary>
/// <param name="Endpoint">Called with the access token as Bearer.</param>
/// <param name="Select">The granted items, or null when the answer is not understood.</param>
public sealed record GrantedItemsApi(string Endpoint, Func<JsonElement, IReadOnlyList<string>?> Select);

/// <summary>Sign-in without a click inside the provider's own app (naver.md §1: <c>auth_type=autologin</c> in the Naver app).</summary>
/// <param name="UserAgentMarker">Text the app's User-Agent contains (Naver: <c>NAVER(inapp; search;</c>); the sign-in page then starts this provider at once.</param>
/// <param name="Parameters">Authorization parameters of that automatic attempt (Naver: <c>auth_type=autologin</c>).</param>
/// <param name="FallbackError">The callback error meaning "not possible here" (Naver: <c>access_denied</c>, whatever its description): the person
/// is sent back to the normal sign-in page without a notice.</param>
public sealed record AutoLoginOptions(string UserAgentMarker, IReadOnlyDictionary<string, string> Parameters, string FallbackError = "access_denied");

/// <summary>Named response quirks, so the engine never branches on a provider's id.</summary>
public sealed class ProviderQuirks
{
    /// <summary>The token response's <c>expires_in</c> is a JSON string (Naver) rather than a number.</summary>
    public bool ExpiresInIsString { get; set; }
    /// <summary>Errors arrive with HTTP 200 and an <c>error</c> member (Naver, GitHub).</summary>
    public bool ErrorsInSuccessBody { get; set; }
    /// <summary>The code exchange also sends <c>state</c> (Naver documents it as required).</summary>
    public bool TokenRequestIncludesState { get; set; }
}

/// <summary>A provider, declared as data: endpoints, scopes, checks, client authentication, profile mapping and brand style.</summary>
public sealed class ProviderOptions
{
    /// <summary>The id used in URLs (<c>/signin/{id}</c>) and in configuration keys.</summary>
    public string Id { get; set; } = "";
    /// <summary>The name on the sign-in button.</summary>
    public string Name { get; set; } = "";
    /// <summary>OAuth 2.0 or OpenID Connect.</summary>
    public ProviderKind Kind { get; set; } = ProviderKind.OAuth2;
    /// <summary>The OIDC issuer; endpoints not given explicitly are read from its discovery document.</summary>
    public string? Issuer { get; set; }
    /// <summary>The authorization endpoint URL.</summary>
    public string? AuthorizationEndpoint { get; set; }
    /// <summary>The token endpoint URL.</summary>
    public string? TokenEndpoint { get; set; }
    /// <summary>The userinfo (profile) endpoint URL.</summary>
    public string? UserInfoEndpoint { get; set; }
    /// <summary>How an account link is removed at the provider.</summary>
    public UnlinkMethod Unlink { get; set; } = UnlinkMethod.None;
    /// <summary>RFC 7009 token revocation endpoint (<see cref="UnlinkMethod.Revoke"/>); OIDC providers may publish it in discovery.</summary>
    public string? RevocationEndpoint { get; set; }
    /// <summary>The provider's unlink API (<see cref="UnlinkMethod.BearerPost"/>).</summary>
    public string? UnlinkEndpoint { get; set; }
    /// <summary>Naver: when revocation fails, unlink with the legacy token-endpoint call <c>grant_type=delete</c> (naver.md §2).</summary>
    public bool LegacyDeleteFallback { get; set; }
    /// <summary>The provider POSTs Naver-format unlink notifications (naver.md §8) to <c>/unlink-notification/{id}</c>; they remove the link here.</summary>
    public bool AcceptsUnlinkNotifications { get; set; }
    /// <summary>The provider's logout API, called with the person's access token as Bearer on sign-out (Kakao <c>/v1/user/logout</c>).</summary>
    public string? LogoutEndpoint { get; set; }
    /// <summary>Call <see cref="LogoutEndpoint"/> when the person signs out here; a failure there never prevents the local sign-out.</summary>
    public bool LogoutOnSignOut { get; set; }
    /// <summary>The provider's browser logout page (Kakao <c>/oauth/logout</c>: <c>client_id</c>, <c>logout_redirect_uri</c>, <c>state</c>).</summary>
    public string? BrowserLogoutEndpoint { get; set; }
    /// <summary>After the local sign-out, send the browser to <see cref="BrowserLogoutEndpoint"/>, which returns it to the callbackUrl.</summary>
    public bool BrowserLogoutOnSignOut { get; set; }
    /// <summary>The member of the profile that must equal the id_token's <c>sub</c> (OIDC; Naver's and Kakao's profile APIs: <c>id</c>).</summary>
    public string UserInfoSubject { get; set; } = "sub";
    /// <summary>The declaration's alternative modes by name, selected with <c>Mode</c> in configuration (Naver, Kakao: <c>classic</c>, <c>oidc</c>).</summary>
    public IReadOnlyDictionary<string, Func<ProviderOptions>> Modes { get; set; } = new Dictionary<string, Func<ProviderOptions>>(StringComparer.Ordinal);
    /// <summary>The mode this declaration recommends instead of itself, and why (Naver classic: <c>oidc</c>, no PKCE); a real (not emulated)
    /// provider that runs this declaration without an explicit <c>Mode</c> in configuration gets one start-up warning.</summary>
    public (string Mode, string Reason)? RecommendedMode { get; set; }
    /// <summary>The JWKS URL (OIDC).</summary>
    public string? JwksUri { get; set; }
    /// <summary>The client id registered at the provider (Kakao: the REST API key).</summary>
    public string? ClientId { get; set; }
    /// <summary>The client secret. Never logged.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>The provider accepts clients without a secret (Kakao); the secret is then sent only when configured.</summary>
    public bool ClientSecretOptional { get; set; }
    /// <summary>How the client authenticates at the token endpoint. Setting it turns <see cref="ClientAuthenticationFromDiscovery"/> off.</summary>
    public ClientAuthentication ClientAuthentication
    {
        get => _clientAuthentication;
        set
        {
            _clientAuthentication = value;
            ClientAuthenticationFromDiscovery = false;
        }
    }
    private ClientAuthentication _clientAuthentication = ClientAuthentication.ClientSecretPost;
    /// <summary>OIDC: pick the client authentication from discovery's <c>token_endpoint_auth_methods_supported</c> (generic OIDC until
    /// <see cref="ClientAuthentication"/> is configured).</summary>
    public bool ClientAuthenticationFromDiscovery { get; set; }
    /// <summary>Scopes requested; none are sent when empty.</summary>
    public IList<string> Scopes { get; set; } = [];
    /// <summary>Scopes always sent, whatever <see cref="Scopes"/> is configured to (Naver and Kakao in OIDC mode: <c>openid</c>).</summary>
    public IList<string> RequiredScopes { get; set; } = [];
    /// <summary>The separator between scopes in the authorization request (Kakao: comma).</summary>
    public string ScopeSeparator { get; set; } = " ";
    /// <summary>Send a PKCE S256 challenge. State is always sent.</summary>
    public bool UsePkce { get; set; }
    /// <summary>Send and check a nonce (OIDC).</summary>
    public bool UseNonce { get; set; }
    /// <summary>Extra authorization request parameters.</summary>
    public IDictionary<string, string> AuthorizationParameters { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Parameters that make the provider ask the person to authenticate again, for <c>RequireRecentSignIn</c>
    /// (Naver <c>auth_type=reauthenticate</c>, Kakao <c>prompt=login</c>, OIDC <c>prompt=login&amp;max_age=0</c>).</summary>
    public IDictionary<string, string> ReauthenticationParameters { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Items the app cannot do without (Naver: <c>email</c>): a sign-in where the person declined one is not completed; the person is
    /// shown why and sent back to the provider with <see cref="RepromptParameters"/>. Needs <see cref="GrantedItems"/>.</summary>
    public IList<string> RequiredItems { get; set; } = [];
    /// <summary>Where the granted items are read (Naver's verify API).</summary>
    public GrantedItemsApi? GrantedItems { get; set; }
    /// <summary>Parameters that make the provider ask again for items the person declined (Naver <c>auth_type=reprompt</c>).</summary>
    public IDictionary<string, string> RepromptParameters { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Start this provider's sign-in without a click when the browser is its app; null (the default) never does. <c>AutoLogin=false</c> in configuration turns it off.</summary>
    public AutoLoginOptions? AutoLogin { get; set; }
    /// <summary>Authorization parameters the sign-in form may pass through (Kakao: <c>prompt</c>, <c>login_hint</c>); others are ignored.</summary>
    public ISet<string> PassThroughParameters { get; set; } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>Named response quirks.</summary>
    public ProviderQuirks Quirks { get; set; } = new();
    /// <summary>How the profile is requested and read (<see cref="ProfileRequest.Standard"/>: GET with Bearer).</summary>
    public ProfileRequest Profile { get; set; } = ProfileRequest.Standard;
    /// <summary>The provider's account id, name, email and image as they appear in the profile, for the documentation and the emulator:
    /// where <see cref="MapProfile"/> reads each field (<c>data.id</c>, <c>kakao_account.email</c>). Empty entries are not documented.</summary>
    public ProfileFieldNames Fields { get; set; } = new("sub", "name", "email", "picture", "email_verified");
    /// <summary>When the provider's email counts as verified, in one sentence for the documentation (<c>the email_verified claim is true</c>).
    /// Empty means never: then <see cref="NeverVerifiesEmails"/> is true and the provider never links by email without <c>TrustEmails</c>.</summary>
    public string EmailVerifiedRule { get; set; } = "";
    /// <summary>Settings a declaration needs before it can be used, written <c>{Name}</c> in its URLs (Auth0's <c>{Domain}</c>,
    /// Entra's <c>{TenantId}</c>); each is read from <c>Daemun:Providers:{id}:{Name}</c>.</summary>
    public IList<ProviderParameter> Parameters { get; set; } = [];
    /// <summary>The provider's documentation pages the declaration follows (developer guide, button guideline).</summary>
    public IList<string> DocumentationLinks { get; set; } = [];
    /// <summary>Maps the provider's profile JSON to the normalized fields.</summary>
    public Func<JsonElement, ProfileFields> MapProfile { get; set; } = StandardClaims.Map;
    /// <summary>Where to find the email when the profile has none.</summary>
    public EmailFallback? EmailFallback { get; set; }
    /// <summary>Link a new account to an existing user with the same email when the provider marks it verified (Auth.js's allowDangerousEmailAccountLinking).</summary>
    public bool AllowEmailLinking { get; set; }
    /// <summary>The operator declares this provider's emails trusted (<c>TrustEmails</c>): they count as verified for email linking and for taking
    /// over a typed address, whatever the provider says. Dangerous: a provider that lets anyone set an unverified address then lets anyone take over accounts.</summary>
    public bool TrustEmails { get; set; }
    /// <summary>The provider never marks an email verified (Naver): email linking applies to it only with <see cref="TrustEmails"/>.</summary>
    public bool NeverVerifiesEmails { get; set; }
    /// <summary>Position on the sign-in page (ascending). Built-ins default to Naver 10, Kakao 20, Google 30, GitHub 40; others 100.</summary>
    public int Order { get; set; } = 100;
    /// <summary>Button colours and logo.</summary>
    public BrandStyle Style { get; set; } = new("#ffffff", "#1f1f1f", Border: "#747775");
    /// <summary>Makes the client secret when it is needed instead of <see cref="ClientSecret"/> (Apple's ES256 JWT); null sends ClientSecret.</summary>
    public ClientSecretSource? ClientSecretSource { get; set; }
    /// <summary>Which issuer discovery may name and id_tokens must carry (Microsoft Entra ID's <c>{tenantid}</c> template); by default exactly the configured one.</summary>
    public IssuerRule IssuerRule { get; set; } = IssuerRule.Exact;
    /// <summary>Fields of the authorization response that add to the profile (Apple's <c>user</c>, sent on the first sign-in only); null reads none.</summary>
    public AuthorizationResponseProfile? AuthorizationResponseProfile { get; set; }
    /// <summary>The provider is served by Daemun's local emulator (no real credentials configured). An emulated identity never links by email to,
    /// or takes an address from, a user whose accounts are not emulated (nor the other way round), and never sends unlink notifications.</summary>
    public bool IsEmulated { get; set; }
}

/// <summary>Profile mapping for providers that speak OIDC standard claims.</summary>
public static class StandardClaims
{
    /// <summary>Maps <c>sub</c>, <c>name</c>, <c>email</c>, <c>email_verified</c>, <c>picture</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub"),
        Json.Text(p, "name") ?? Json.Text(p, "preferred_username"),
        Json.Text(p, "email"),
        Json.Bool(p, "email_verified"),
        Json.Text(p, "picture"));
}

/// <summary>Small, forgiving readers for provider JSON.</summary>
public static class Json
{
    /// <summary>A member as a string: strings as they are, numbers in their exact JSON text (int64 ids keep every digit).</summary>
    public static string? Text(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => NullIfEmpty(v.GetString()),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>A boolean member; strings "true"/"false" are accepted; anything else is false.</summary>
    public static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    /// <summary>A nested object member, or an undefined element.</summary>
    public static JsonElement Member(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    /// <summary>Follows a dot path (<c>data.user.id</c>) and reads the value as a string.</summary>
    public static string? Path(JsonElement e, string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++) e = Member(e, parts[i]);
        return Text(e, parts[^1]);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
