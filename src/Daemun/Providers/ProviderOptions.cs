using System.Collections.ObjectModel;
using System.Text.Json;

namespace Daemun.Providers;

/// <summary>A provider, declared as data: endpoints, scopes, checks, client authentication, profile mapping and brand style, and the hooks
/// for what it does differently. Immutable once validated: the registry freezes it, after which every setter throws
/// <see cref="InvalidOperationException"/> and its collections are read-only.</summary>
public sealed class ProviderOptions
{
    /// <summary>The id used in URLs (<c>/signin/{id}</c>) and in configuration keys.</summary>
    public string Id { get; set => field = Unfrozen(value); } = "";
    /// <summary>The name on the sign-in button.</summary>
    public string Name { get; set => field = Unfrozen(value); } = "";
    /// <summary>OAuth 2.0 or OpenID Connect.</summary>
    public ProviderKind Kind { get; set => field = Unfrozen(value); } = ProviderKind.OAuth2;
    /// <summary>The OIDC issuer; endpoints not given explicitly are read from its discovery document.</summary>
    public string? Issuer { get; set => field = Unfrozen(value); }
    /// <summary>The authorization endpoint URL.</summary>
    public string? AuthorizationEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>The token endpoint URL.</summary>
    public string? TokenEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>The userinfo (profile) endpoint URL.</summary>
    public string? UserInfoEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>OAuth 1.0a: the Temporary Credential Request endpoint (RFC 5849 §2.1), called with <c>oauth_callback</c>.</summary>
    public string? RequestTokenEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>OAuth 1.0a: the Token Request endpoint (RFC 5849 §2.3), where the verifier is exchanged for token credentials.</summary>
    public string? AccessTokenEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>OAuth 1.0a: form parameters the provider documents for the temporary-credential request (a <c>scope</c>, for example).</summary>
    public IDictionary<string, string> RequestTokenParameters { get; set => field = Unfrozen(value); } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>How an account link is removed at the provider.</summary>
    public UnlinkMethod Unlink { get; set => field = Unfrozen(value); } = UnlinkMethod.None;
    /// <summary>How the link is removed at the provider by <see cref="Unlink"/> (<see cref="UnlinkRequest.Standard"/>: RFC 7009, or a Bearer POST
    /// that any HTTP 200 confirms).</summary>
    public UnlinkRequest UnlinkRequest { get; set => field = Unfrozen(value); } = UnlinkRequest.Standard;
    /// <summary>RFC 7009 token revocation endpoint (<see cref="UnlinkMethod.Revoke"/>); OIDC providers may publish it in discovery.</summary>
    public string? RevocationEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>The provider's unlink API (<see cref="UnlinkMethod.BearerPost"/>).</summary>
    public string? UnlinkEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>When revocation fails, unlink with the provider's legacy call, for an <see cref="UnlinkRequest"/> that has one (Naver's
    /// token-endpoint <c>grant_type=delete</c>, naver.md §2); other providers ignore it.</summary>
    public bool LegacyDeleteFallback { get; set => field = Unfrozen(value); }
    /// <summary>Accept the unlink notifications the provider POSTs to <c>/unlink-notification/{id}</c> (they remove the link here), for a
    /// provider that declares their <see cref="UnlinkNotifications"/> receiver (Naver, naver.md §8).</summary>
    public bool AcceptsUnlinkNotifications { get; set => field = Unfrozen(value); }
    /// <summary>Reads and verifies the provider's unlink notifications; null (the default) when it sends none.</summary>
    public UnlinkNotificationReceiver? UnlinkNotifications { get; set => field = Unfrozen(value); }
    /// <summary>How the person is signed out at the provider (<see cref="LogoutRequest.Standard"/>: a Bearer POST that any HTTP 200 confirms,
    /// RP-Initiated Logout's parameters for the browser logout page).</summary>
    public LogoutRequest LogoutRequest { get; set => field = Unfrozen(value); } = LogoutRequest.Standard;
    /// <summary>The provider's logout API, called with the person's access token as Bearer on sign-out (Kakao <c>/v1/user/logout</c>).</summary>
    public string? LogoutEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>Call <see cref="LogoutEndpoint"/> when the person signs out here; a failure there never prevents the local sign-out.</summary>
    public bool LogoutOnSignOut { get; set => field = Unfrozen(value); }
    /// <summary>The provider's browser logout page (Kakao <c>/oauth/logout</c>), with the parameters <see cref="LogoutRequest"/> adds.</summary>
    public string? BrowserLogoutEndpoint { get; set => field = Unfrozen(value); }
    /// <summary>After the local sign-out, send the browser to <see cref="BrowserLogoutEndpoint"/>, which returns it to the callbackUrl.</summary>
    public bool BrowserLogoutOnSignOut { get; set => field = Unfrozen(value); }
    /// <summary>The member of the profile that must equal the id_token's <c>sub</c> (OIDC; Naver's and Kakao's profile APIs: <c>id</c>).</summary>
    public string UserInfoSubject { get; set => field = Unfrozen(value); } = "sub";
    /// <summary>The declaration's alternative modes by name, selected with <c>Mode</c> in configuration (Naver, Kakao: <c>classic</c>, <c>oidc</c>).</summary>
    public IReadOnlyDictionary<string, Func<ProviderOptions>> Modes { get; set => field = Unfrozen(value); } = new Dictionary<string, Func<ProviderOptions>>(StringComparer.Ordinal);
    /// <summary>The mode this declaration recommends instead of itself, and why (Naver classic: <c>oidc</c>, no PKCE); a real (not emulated)
    /// provider that runs this declaration without an explicit <c>Mode</c> in configuration gets one start-up warning.</summary>
    public (string Mode, string Reason)? RecommendedMode { get; set => field = Unfrozen(value); }
    /// <summary>The JWKS URL (OIDC).</summary>
    public string? JwksUri { get; set => field = Unfrozen(value); }
    /// <summary>The client id registered at the provider (Kakao: the REST API key).</summary>
    public string? ClientId { get; set => field = Unfrozen(value); }
    /// <summary>The client secret. Never logged.</summary>
    public string? ClientSecret { get; set => field = Unfrozen(value); }
    /// <summary>Declares that the profile URL is the operator's own and has no default (NetSuite: a RESTlet deployed in the account): the
    /// declaration names no <see cref="UserInfoEndpoint"/>, configuration must give one, and a missing one stops start-up with
    /// <c>What</c> (what to put there) and <c>Example</c>. In Development without credentials the emulator serves it.</summary>
    public (string What, string Example)? UserInfoEndpointRequired { get; set => field = Unfrozen(value); }
    /// <summary>Declares that the provider signs id_tokens with HS256 keyed by the client secret (OIDC Core §10.1; LINE Login). HS256 is then
    /// accepted for this provider only, verified with the octets of its client secret and never with a key of its JWKS; its RS256, PS256
    /// and ES256 tokens are verified with the JWKS as before. Every other provider refuses HS256.</summary>
    public bool IdTokenSignedWithClientSecret { get; set => field = Unfrozen(value); }
    /// <summary>The provider accepts clients without a secret (Kakao); the secret is then sent only when configured.</summary>
    public bool ClientSecretOptional { get; set => field = Unfrozen(value); }
    /// <summary>How the client authenticates at the token endpoint. Setting it turns <see cref="ClientAuthenticationFromDiscovery"/> off.</summary>
    public ClientAuthentication ClientAuthentication
    {
        get;
        set
        {
            field = Unfrozen(value);
            ClientAuthenticationFromDiscovery = false;
        }
    } = ClientAuthentication.ClientSecretPost;
    /// <summary>OIDC: pick the client authentication from discovery's <c>token_endpoint_auth_methods_supported</c> (generic OIDC until
    /// <see cref="ClientAuthentication"/> is configured).</summary>
    public bool ClientAuthenticationFromDiscovery { get; set => field = Unfrozen(value); }
    /// <summary>Scopes requested; none are sent when empty.</summary>
    public IList<string> Scopes { get; set => field = Unfrozen(value); } = [];
    /// <summary>Scopes always sent, whatever <see cref="Scopes"/> is configured to (Naver and Kakao in OIDC mode: <c>openid</c>).</summary>
    public IList<string> RequiredScopes { get; set => field = Unfrozen(value); } = [];
    /// <summary>The separator between scopes in the authorization request (Kakao: comma).</summary>
    public string ScopeSeparator { get; set => field = Unfrozen(value); } = " ";
    /// <summary>The authorization request's name for the scopes (Deezer: <c>perms</c>); <c>scope</c> by default.</summary>
    public string ScopeParameter { get; set => field = Unfrozen(value); } = "scope";
    /// <summary>Send a PKCE S256 challenge. State is always sent.</summary>
    public bool UsePkce { get; set => field = Unfrozen(value); }
    /// <summary>Send and check a nonce (OIDC).</summary>
    public bool UseNonce { get; set => field = Unfrozen(value); }
    /// <summary>Extra authorization request parameters.</summary>
    public IDictionary<string, string> AuthorizationParameters { get; set => field = Unfrozen(value); } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Parameters that make the provider ask the person to authenticate again, for <c>RequireRecentSignIn</c>
    /// (Naver <c>auth_type=reauthenticate</c>, Kakao <c>prompt=login</c>, OIDC <c>prompt=login&amp;max_age=0</c>).</summary>
    public IDictionary<string, string> ReauthenticationParameters { get; set => field = Unfrozen(value); } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Items the app cannot do without (Naver: <c>email</c>): a sign-in where the person declined one is not completed; the person is
    /// shown why and sent back to the provider with <see cref="RepromptParameters"/>. Needs <see cref="GrantedItems"/>.</summary>
    public IList<string> RequiredItems { get; set => field = Unfrozen(value); } = [];
    /// <summary>Where the granted items are read (Naver's verify API).</summary>
    public GrantedItemsApi? GrantedItems { get; set => field = Unfrozen(value); }
    /// <summary>Parameters that make the provider ask again for items the person declined (Naver <c>auth_type=reprompt</c>).</summary>
    public IDictionary<string, string> RepromptParameters { get; set => field = Unfrozen(value); } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Start this provider's sign-in without a click when the browser is its app; null (the default) never does. <c>AutoLogin=false</c> in configuration turns it off.</summary>
    public AutoLoginOptions? AutoLogin { get; set => field = Unfrozen(value); }
    /// <summary>Authorization parameters the sign-in form may pass through (Kakao: <c>prompt</c>, <c>login_hint</c>); others are ignored.</summary>
    public ISet<string> PassThroughParameters { get; set => field = Unfrozen(value); } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>How the token request (code exchange and refresh) is sent (<see cref="TokenRequest.Standard"/>: RFC 6749's form POST).</summary>
    public TokenRequest TokenRequest { get; set => field = Unfrozen(value); } = TokenRequest.Standard;
    /// <summary>How the token endpoint's answers are conformed to RFC 6749 (<see cref="TokenResponse.Standard"/>: as written).</summary>
    public TokenResponse TokenResponse { get; set => field = Unfrozen(value); } = TokenResponse.Standard;
    /// <summary>How the profile is requested and read (<see cref="ProfileRequest.Standard"/>: GET with Bearer).</summary>
    public ProfileRequest Profile { get; set => field = Unfrozen(value); } = ProfileRequest.Standard;
    /// <summary>The provider's account id, name, email and image as they appear in the profile, for the documentation and the emulator:
    /// where <see cref="MapProfile"/> reads each field (<c>data.id</c>, <c>kakao_account.email</c>). Empty entries are not documented.</summary>
    public ProfileFieldNames Fields { get; set => field = Unfrozen(value); } = new("sub", "name", "email", "picture", "email_verified");
    /// <summary>When the provider's email counts as verified, in one sentence for the documentation (<c>the email_verified claim is true</c>).
    /// Empty means never: then <see cref="NeverVerifiesEmails"/> is true and the provider never links by email without <c>TrustEmails</c>.</summary>
    public string EmailVerifiedRule { get; set => field = Unfrozen(value); } = "";
    /// <summary>Settings a declaration needs before it can be used, written <c>{Name}</c> in its URLs (Auth0's <c>{Domain}</c>,
    /// Entra's <c>{TenantId}</c>); each is read from <c>Daemun:Providers:{id}:{Name}</c>.</summary>
    public IList<ProviderParameter> Parameters { get; set => field = Unfrozen(value); } = [];
    /// <summary>Values of <see cref="Parameters"/> by name, from <c>Daemun:Providers:{id}:{Name}</c> or code.</summary>
    public IDictionary<string, string> ParameterValues { get; set => field = Unfrozen(value); } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>The provider's documentation pages the declaration follows (developer guide, button guideline).</summary>
    public IList<string> DocumentationLinks { get; set => field = Unfrozen(value); } = [];
    /// <summary>Maps the provider's profile JSON to the normalized fields.</summary>
    public Func<JsonElement, ProfileFields> MapProfile { get; set => field = Unfrozen(value); } = StandardClaims.Map;
    /// <summary>Where to find the email when the profile has none.</summary>
    public EmailFallback? EmailFallback { get; set => field = Unfrozen(value); }
    /// <summary>Link a new account to an existing user with the same email when the provider marks it verified (Auth.js's allowDangerousEmailAccountLinking).</summary>
    public bool AllowEmailLinking { get; set => field = Unfrozen(value); }
    /// <summary>The operator declares this provider's emails trusted (<c>TrustEmails</c>): they count as verified for email linking and for taking
    /// over a typed address, whatever the provider says. Dangerous: a provider that lets anyone set an unverified address then lets anyone take over accounts.</summary>
    public bool TrustEmails { get; set => field = Unfrozen(value); }
    /// <summary>The provider never marks an email verified (Naver): email linking applies to it only with <see cref="TrustEmails"/>.</summary>
    public bool NeverVerifiesEmails { get; set => field = Unfrozen(value); }
    /// <summary>Position on the sign-in page (ascending). Built-ins default to Naver 10, Kakao 20, Google 30, GitHub 40; others 100.</summary>
    public int Order { get; set => field = Unfrozen(value); } = 100;
    /// <summary>Button colours and logo.</summary>
    public BrandStyle Style { get; set => field = Unfrozen(value); } = new("#ffffff", "#1f1f1f", Border: "#747775");
    /// <summary>Makes the client secret when it is needed instead of <see cref="ClientSecret"/> (a signed JWT, for example); null sends ClientSecret.</summary>
    public ClientSecretSource? ClientSecretSource { get; set => field = Unfrozen(value); }
    /// <summary>Which issuer discovery may name and id_tokens must carry (a <c>{tenantid}</c> template, for example); by default exactly the configured one.</summary>
    public IssuerRule IssuerRule { get; set => field = Unfrozen(value); } = IssuerRule.Exact;
    /// <summary>Fields of the authorization response that add to the profile (a name sent on the first sign-in only, for example); null reads none.</summary>
    public AuthorizationResponseProfile? AuthorizationResponseProfile { get; set => field = Unfrozen(value); }
    /// <summary>The provider is served by Daemun's local emulator (no real credentials configured). An emulated identity never links by email to,
    /// or takes an address from, a user whose accounts are not emulated (nor the other way round), and never sends unlink notifications.</summary>
    public bool IsEmulated { get; set => field = Unfrozen(value); }

    /// <summary>Whether the declaration is validated and frozen (<see cref="ProviderRegistry"/> freezes every provider it holds).</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Makes the declaration immutable: its collections become read-only copies, then every setter throws.</summary>
    internal void Freeze()
    {
        if (IsFrozen) return;
        Scopes = Scopes.ToList().AsReadOnly();
        RequiredScopes = RequiredScopes.ToList().AsReadOnly();
        RequiredItems = RequiredItems.ToList().AsReadOnly();
        Parameters = Parameters.ToList().AsReadOnly();
        DocumentationLinks = DocumentationLinks.ToList().AsReadOnly();
        AuthorizationParameters = ReadOnly(AuthorizationParameters);
        ParameterValues = ReadOnly(ParameterValues);
        RequestTokenParameters = ReadOnly(RequestTokenParameters);
        ReauthenticationParameters = ReadOnly(ReauthenticationParameters);
        RepromptParameters = ReadOnly(RepromptParameters);
        PassThroughParameters = new ReadOnlySet<string>(new HashSet<string>(PassThroughParameters, StringComparer.Ordinal));
        Modes = ReadOnly(Modes);
        IsFrozen = true;
    }

    private static ReadOnlyDictionary<string, T> ReadOnly<T>(IEnumerable<KeyValuePair<string, T>> items) =>
        new(new Dictionary<string, T>(items, StringComparer.Ordinal));

    private T Unfrozen<T>(T value) => IsFrozen
        ? throw new InvalidOperationException($"The declaration of provider '{Id}' is validated and can no longer change; configure it before start-up.")
        : value;
}
