using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>What every emulated provider shares: routing, redirect checks, the consent page and code issuance.</summary>
internal abstract class ProviderBase(EmulatorContext context, EmulatorClient client) : IDisposable
{
    private readonly Lazy<SigningKeys> keys = new(() => new SigningKeys(context.Keys));
    private readonly ConcurrentDictionary<(string ClientId, string PersonId), IReadOnlySet<string>> rememberedConsent = new();

    public abstract string Id { get; }
    public abstract Brand Brand { get; }
    /// <summary>The app registered here: <see cref="EmulatorOptions.Clients"/>' entry for this provider, else the published one (emulator-{id}-client/-secret).</summary>
    public virtual EmulatorClient Client => Options.Clients.TryGetValue(Id, out var own) ? own : client;

    /// <summary>Signing keys (created on first use) of providers that issue id_tokens; null otherwise.</summary>
    public SigningKeys? Keys => SignsIdTokens ? keys.Value : null;

    /// <summary>Whether this provider issues id_tokens and publishes a JWKS.</summary>
    protected virtual bool SignsIdTokens => false;

    public abstract ProviderEndpoints Endpoints { get; }

    /// <summary>Endpoint URLs of the provider's OpenID Connect mode (naver, kakao); null when it has no separate one.</summary>
    public virtual ProviderEndpoints? OidcEndpoints => null;

    protected EmulatorContext Context { get; } = context;
    protected GrantStore Store => Context.Store;
    protected EmulatorOptions Options => Context.Options;
    protected DateTimeOffset Now => Context.Now;

    /// <summary>Absolute URL prefix of this provider: {base}/{id}.</summary>
    protected string Root => Context.BaseAddress + "/" + Id;

    protected string SessionCookie => "emulator_" + Id + "_session";

    /// <summary>Maps the provider's own endpoints.</summary>
    protected abstract void MapEndpoints(IEndpointRouteBuilder routes);

    /// <summary>The optional items the consent page lets the person decline.</summary>
    protected abstract IEnumerable<string> ConsentItems(PendingAuthorization request);

    /// <summary>Callback parameters when the person presses Cancel.</summary>
    protected abstract IEnumerable<(string Name, string? Value)> CancelParameters(PendingAuthorization request);

    protected abstract string NewCode();

    /// <summary>Called when the person allows; the grant is about to get a code.</summary>
    protected virtual void OnAllowed(Grant grant) { }

    /// <summary>Called after <see cref="Disconnect"/> so a provider can forget its own per-person state.</summary>
    protected virtual void OnDisconnected(string clientId, string personId) { }

    /// <summary>Whether the request asks for the password again whatever the session (prompt=login, auth_type=reauthenticate, max_age=0).</summary>
    protected virtual bool ForcesLogin(PendingAuthorization request) => false;

    /// <summary>
    /// The items a person declined before that stay declined for this request (checked and disabled on the page, ignored in the POST).
    /// Default: none (the person chooses afresh each time).
    /// </summary>
    protected virtual IReadOnlySet<string> StillDeclined(PendingAuthorization request, IReadOnlySet<string> remembered) => EmptySet;

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    /// <summary>The person removed the app in the provider's own settings: every grant and token dies and the remembered consent is forgotten.</summary>
    public void Disconnect(string personId)
    {
        Store.RevokeAll(Id, Client.ClientId, personId);
        ForgetConsent(Client.ClientId, personId);
        OnDisconnected(Client.ClientId, personId);
    }

    public void Dispose()
    {
        if (keys.IsValueCreated) keys.Value.Dispose();
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        Route(routes, "POST", "/consent", EmulatorEndpoint.Consent, ConsentAsync);
        MapEndpoints(routes);
    }

    protected void Route(IEndpointRouteBuilder routes, string methods, string path, EmulatorEndpoint endpoint, RequestDelegate handler) =>
        routes.MapMethods("/" + Id + path, methods.Split(','), async ctx =>
        {
            await handler(ctx);
            if (ctx.Items[FormPostItem] is string page) await Reply.HtmlAsync(ctx, 200, page); // RedirectBack of a form_post provider
        }).WithMetadata(new EmulatorRoute(Id, endpoint));

    private const string FormPostItem = "emulator.form_post";

    /// <summary>The provider answers the client with an auto-submitting form POSTed to its redirect URI (<c>response_mode=form_post</c>,
    /// Apple) instead of a redirect.</summary>
    protected virtual bool RespondsWithFormPost => false;

    /// <summary>Fields added to the response that carries the code when the person allows (Apple's <c>user</c> on the first authorization).</summary>
    protected virtual IEnumerable<(string Name, string? Value)> AllowedResponseFields(Grant grant) => [];

    protected EmulatorClient? FindClient(string? clientId) => clientId == Client.ClientId ? Client : null;

    /// <summary>Stands in for "registered callback URL": an absolute http(s) URL under an allowed prefix, without user info.</summary>
    protected bool IsAllowedRedirect(string? redirectUri) =>
        redirectUri is not null
        && Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment)
        && Options.AllowedRedirectUriPrefixes.Any(p => redirectUri.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Applies <see cref="EmulatorFaults.SetAuthorizeError"/>: redirects back at once when set.</summary>
    protected bool TryAuthorizeFault(HttpContext ctx, string redirectUri, string? state)
    {
        if (Context.Faults.GetAuthorizeError(Id) is not { } fault) return false;
        RedirectBack(ctx, redirectUri, ("error", fault.Error), ("error_description", fault.Description), ("state", state)); // RFC 9207: errors carry iss too
        return true;
    }

    /// <summary>Sends the browser back to the client; a provider that <see cref="SendsIssuerParameter"/> adds RFC 9207's <c>iss</c>.</summary>
    protected void RedirectBack(HttpContext ctx, string redirectUri, params IEnumerable<(string Name, string? Value)> parameters)
    {
        var all = SendsIssuerParameter ? [.. parameters, ("iss", (OidcEndpoints ?? Endpoints).Issuer)] : parameters;
        if (!RespondsWithFormPost)
        {
            Reply.Redirect(ctx, Reply.WithQuery(redirectUri, all));
            return;
        }
        var enc = System.Text.Encodings.Web.HtmlEncoder.Default;
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Items[FormPostItem] = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{enc.Encode(Brand.Name)}</title></head><body>"
            + $"<form method=\"post\" action=\"{enc.Encode(redirectUri)}\">"
            + string.Concat(all.Where(p => p.Value is not null).Select(p => $"<input type=\"hidden\" name=\"{enc.Encode(p.Name)}\" value=\"{enc.Encode(p.Value!)}\">"))
            + "<button type=\"submit\">Continue</button></form><script>document.forms[0].submit();</script></body></html>";
    }

    /// <summary>A sentence the consent page shows above the people (what the provider will answer); null for none.</summary>
    protected virtual string? ConsentNotice => null;

    /// <summary>RFC 9207: the authorization response carries <c>iss</c>, and discovery says so
    /// (<c>authorization_response_iss_parameter_supported</c>).</summary>
    protected virtual bool SendsIssuerParameter => false;

    protected Task ErrorPageAsync(HttpContext ctx, int status, string title, string message) =>
        Reply.HtmlAsync(ctx, status, ConsentPage.Error(Brand, title, message));

    protected PendingAuthorization NewRequest(EmulatorClient client, string redirectUri, string? state, IReadOnlyList<string> scopes,
        string? nonce = null, string? codeChallenge = null, IReadOnlyDictionary<string, string>? extra = null) =>
        new(Tokens.Url(16), Id, client, redirectUri, state, scopes, nonce, codeChallenge, Now)
        {
            Extra = extra ?? new Dictionary<string, string>(),
        };

    /// <summary>Stores the request and shows the consent page (with the re-authentication notice and the signed-in person's remembered declines).</summary>
    protected Task ShowConsentAsync(HttpContext ctx, PendingAuthorization request)
    {
        var session = ReadSession(ctx);
        request = request with { Reauthenticate = NeedsReauthentication(request, session) };
        Store.AddPending(request);
        var locked = session is not null && rememberedConsent.TryGetValue((request.Client.ClientId, session.Person.Id), out var remembered)
            ? StillDeclined(request, remembered) : EmptySet;
        ctx.Response.Headers.CacheControl = "no-store";
        return Reply.HtmlAsync(ctx, 200, ConsentPage.Render(Brand, Id, request, Context.People.Snapshot(), ConsentItems(request),
            session?.Person.Id, locked, request.Reauthenticate, ConsentNotice));
    }

    /// <summary>Forced login, or max_age shorter than the session's age (a session of unknown age counts as too old).</summary>
    private bool NeedsReauthentication(PendingAuthorization request, BrowserSession? session)
    {
        if (ForcesLogin(request)) return true;
        if (!request.Extra.TryGetValue("max_age", out var text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var maxAge)) return false;
        if (maxAge == 0) return true;
        return session is not null && (session.LoginTime is not { } login || Now - login > TimeSpan.FromSeconds(maxAge));
    }

    /// <summary>
    /// The session cookie: <c>{personId}.{loginUnixSeconds}</c>. A cookie holding only a person id (older emulator) is a session of unknown login time.
    /// </summary>
    protected BrowserSession? ReadSession(HttpContext ctx)
    {
        var value = ctx.Request.Cookies[SessionCookie];
        if (string.IsNullOrEmpty(value)) return null;
        var dot = value.LastIndexOf('.');
        if (dot > 0 && long.TryParse(value.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && Context.People.Find(value[..dot]) is { } person)
            return new BrowserSession(person, DateTimeOffset.FromUnixTimeSeconds(seconds));
        return Context.People.Find(value) is { } legacy ? new BrowserSession(legacy, null) : null;
    }

    private void WriteSession(HttpContext ctx, TestPerson person, DateTimeOffset loginTime) =>
        ctx.Response.Cookies.Append(SessionCookie, person.Id + "." + loginTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            new CookieOptions { Path = "/" + Id, HttpOnly = true, SameSite = SameSiteMode.Lax });

    /// <summary>Ends the provider's browser session (Kakao's browser logout).</summary>
    protected void ClearSession(HttpContext ctx) => ctx.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" + Id });

    /// <summary>prompt=none: answers from the remembered session and consent, or with login_required / consent_required
    /// (a provider with other words for them passes its own, as Naver's autologin does).</summary>
    protected void AuthorizeSilently(HttpContext ctx, PendingAuthorization request,
        (string Error, string Description)? notLoggedIn = null, (string Error, string Description)? noConsent = null)
    {
        var person = ReadSession(ctx)?.Person;
        if (person is null)
        {
            var (error, description) = notLoggedIn ?? ("login_required", "user authentication required.");
            RedirectBack(ctx, request.RedirectUri, ("error", error), ("error_description", description), ("state", request.State));
            return;
        }
        if (!rememberedConsent.TryGetValue((request.Client.ClientId, person.Id), out var declined))
        {
            var (error, description) = noConsent ?? ("consent_required", "user consent required.");
            RedirectBack(ctx, request.RedirectUri, ("error", error), ("error_description", description), ("state", request.State));
            return;
        }
        var grant = new Grant(request, person, declined, ReadSession(ctx)?.LoginTime ?? Now);
        RedirectBack(ctx, request.RedirectUri, ("code", IssueCode(grant)), ("state", request.State));
    }

    /// <summary>Forgets what a person agreed to for a client (Kakao unlink).</summary>
    protected void ForgetConsent(string clientId, string personId) => rememberedConsent.TryRemove((clientId, personId), out _);

    /// <summary>The consent form's POST: the chosen person, the declined items, the code.</summary>
    protected async Task ConsentAsync(HttpContext ctx)
    {
        var form = await RequestParams.FormAsync(ctx);
        var request = Store.FindPending(Id, form["request_id"].ToString());
        if (request is null)
        {
            await ErrorPageAsync(ctx, 400, "잘못된 요청 / Invalid request", "This sign-in request is unknown, expired or already answered. Start the sign-in again.");
            return;
        }

        if (form["decision"] == "cancel")
        {
            if (Store.TakePending(request)) RedirectBack(ctx, request.RedirectUri, CancelParameters(request));
            else await ErrorPageAsync(ctx, 400, "잘못된 요청 / Invalid request", "This sign-in request was already answered.");
            return;
        }

        var person = Context.People.Find(form["person"].ToString());
        if (person is null || !Store.TakePending(request))
        {
            await ErrorPageAsync(ctx, 400, "잘못된 요청 / Invalid request", "Choose one of the listed test people, once.");
            return;
        }

        var items = ConsentItems(request).ToHashSet(StringComparer.Ordinal);
        var declined = form["decline"].Where(d => d is not null && items.Contains(d)).Select(d => d!).ToHashSet(StringComparer.Ordinal);
        // Items declined before stay declined unless the request asked again (Naver auth_type=reprompt, Kakao scope): a POST cannot share them.
        if (rememberedConsent.TryGetValue((request.Client.ClientId, person.Id), out var remembered))
            declined.UnionWith(StillDeclined(request, remembered));

        // The same person with a session keeps its login time; another person, a forced login or a session of unknown age logs in now.
        var session = ReadSession(ctx);
        var authTime = session is { LoginTime: { } login } && session.Person.Id == person.Id && !request.Reauthenticate ? login : Now;
        var grant = new Grant(request, person, declined, authTime);
        rememberedConsent[(request.Client.ClientId, person.Id)] = declined;
        WriteSession(ctx, person, authTime);
        OnAllowed(grant);
        RedirectBack(ctx, request.RedirectUri, [("code", IssueCode(grant)), ("state", request.State), .. AllowedResponseFields(grant)]);
    }

    private string IssueCode(Grant grant)
    {
        var code = NewCode();
        Store.AddCode(new AuthorizationCode(code, grant, Now + Options.CodeLifetime));
        return code;
    }

    /// <summary>RFC 7636 S256: a code with a challenge needs the matching verifier; a code without one needs none.</summary>
    protected static bool PkceMatches(string? challenge, string? verifier)
    {
        if (challenge is null) return verifier is null;
        if (verifier is null) return false;
        var computed = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    /// <summary>An id_token for the grant: iss, aud, sub, iat, exp, auth_time, nonce (as received, else absent) plus the extra claims;
    /// RS256, or with <paramref name="signsWithClientSecret"/> HS256 keyed by the client's secret.</summary>
    protected string CreateIdToken(Grant grant, string subject, JsonObject extraClaims, bool signsWithClientSecret = false)
    {
        var now = Now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = Root, ["aud"] = grant.Client.ClientId, ["sub"] = subject,
            ["iat"] = now, ["exp"] = now + (long)Options.IdTokenLifetime.TotalSeconds,
            ["auth_time"] = grant.AuthTime.ToUnixTimeSeconds(),
        };
        if (grant.Request.Nonce is { } nonce) claims["nonce"] = nonce;
        foreach (var (name, value) in extraClaims) claims[name] = value?.DeepClone();
        return Jws.CreateIdToken(Keys ?? throw new InvalidOperationException(Id + " has no signing keys."), claims, Context.Faults.GetIdTokenFault(Id),
            Encoding.UTF8.GetBytes(grant.Client.ClientSecret), signsWithClientSecret);
    }

    /// <summary>An OpenID Provider Configuration document for this provider (its OIDC endpoints when it has separate ones).</summary>
    protected JsonObject DiscoveryDocument(string[] scopes, string[] authMethods, string[] claims)
    {
        var e = OidcEndpoints ?? Endpoints;
        var doc = new JsonObject
        {
            ["issuer"] = e.Issuer, ["authorization_endpoint"] = e.AuthorizationEndpoint, ["token_endpoint"] = e.TokenEndpoint,
            ["userinfo_endpoint"] = e.UserInfoEndpoint, ["jwks_uri"] = e.JwksUri,
            ["response_types_supported"] = new JsonArray("code"), ["response_modes_supported"] = new JsonArray("query"),
            ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["scopes_supported"] = Array(scopes), ["token_endpoint_auth_methods_supported"] = Array(authMethods),
            ["code_challenge_methods_supported"] = new JsonArray("S256"), ["claims_supported"] = Array(claims),
        };
        if (e.RevocationEndpoint is { } revocation) doc["revocation_endpoint"] = revocation;
        if (SendsIssuerParameter) doc["authorization_response_iss_parameter_supported"] = true;
        foreach (var (member, value) in Context.Faults.GetDiscoveryMembers(Id))
        {
            if (value is null) doc.Remove(member);
            else doc[member] = value.DeepClone();
        }
        return doc;

        static JsonArray Array(string[] values) => new([.. values.Select(v => (JsonNode?)v)]);
    }

    protected static bool SecretEquals(string? sent, string expected) =>
        sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
}
