using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator.Catalog;

/// <summary>Any catalog provider without a hand-written emulator, served from its <see cref="CatalogDeclaration"/> and recorded
/// <see cref="ResponseShape"/>: the consent page, state echo, redirect-uri and PKCE S256 checks, single-use expiring codes, client
/// authentication as declared, the recorded token answer with fresh tokens bound to the grant, the recorded profile (and emails) for a
/// valid token only, the recorded error for a bad code, and for OpenID Connect discovery, JWKS and a signed id_token. The answers are the
/// documented sample person's whoever is chosen on the consent page, except that a person whose email is not verified (the seeded
/// <c>park</c>) gets the shape's <c>unverified</c> variant, so the provider's email rule can be seen to hold.</summary>
internal sealed class CatalogEmulator : ProviderBase
{
    private const string DiscoveryPath = "/.well-known/openid-configuration";
    private const string JwksPath = "/jwks";
    private const string ConsentPath = "/consent";
    private static readonly string[] TokenParameters = ["access_token", "oauth_token"];

    private readonly ResponseShape shape;
    private readonly TokenRequestShape tokenRequest;
    private readonly Dictionary<string, CatalogEndpoint> endpoints;

    public CatalogEmulator(EmulatorContext context, CatalogDeclaration declaration, ResponseShape shape)
        : base(context, new EmulatorClient(declaration.Id, $"emulator-{declaration.Id}-client",
            // a secret that keys HS256 id_tokens has at least 256 bits (RFC 7518 §3.2)
            shape.IdTokenAlg == "HS256" ? $"emulator-{declaration.Id}-secret-that-keys-hs256-id-tokens" : $"emulator-{declaration.Id}-secret",
            SecretRequired: declaration.ClientAuthentication != CatalogClientAuthentication.None))
    {
        Declaration = declaration;
        this.shape = shape;
        tokenRequest = shape.TokenRequest;
        Brand = new(declaration.Name, declaration.BrandColour, declaration.BrandTextColour);
        endpoints = new(StringComparer.Ordinal);
        Add(ConsentPath, "POST", EmulatorEndpoint.Consent, ConsentAsync);
        Add(declaration.AuthorizationPath, "GET,POST", EmulatorEndpoint.Authorize, AuthorizeAsync);
        Add(declaration.TokenPath, shape.TokenRequest.Method, EmulatorEndpoint.Token, TokenAsync);
        if (shape.Profile is not null) Add(declaration.ProfilePath, declaration.ProfileMethod.ToUpperInvariant(), EmulatorEndpoint.UserInfo, ProfileAsync);
        if (shape.Emails is not null) Add(declaration.EmailsPath, "GET", EmulatorEndpoint.Emails, EmailsAsync);
        if (declaration.RevocationPath is { } revoke) Add(revoke, "POST", EmulatorEndpoint.Revoke, RevokeAsync);
        if (declaration.UnlinkPath is { } unlink) Add(unlink, "POST", EmulatorEndpoint.Unlink, UnlinkAsync);
        if (declaration.OpenIdConnect)
        {
            Add(DiscoveryPath, "GET", EmulatorEndpoint.Discovery, DiscoveryAsync);
            Add(JwksPath, "GET", EmulatorEndpoint.Jwks, ctx => Reply.JsonAsync(ctx, 200, Keys!.Jwks()));
        }
    }

    /// <summary>The recorded answers it serves.</summary>
    public ResponseShape Shape => shape;

    /// <summary>The declaration this provider was registered with.</summary>
    public CatalogDeclaration Declaration { get; }

    public override string Id => Declaration.Id;
    public override Brand Brand { get; }
    protected override bool SignsIdTokens => Declaration.OpenIdConnect;

    public override ProviderEndpoints Endpoints => new(
        AuthorizationEndpoint: Root + Declaration.AuthorizationPath,
        TokenEndpoint: Root + Declaration.TokenPath,
        UserInfoEndpoint: Root + Declaration.ProfilePath,
        EmailsEndpoint: shape.Emails is null ? null : Root + Declaration.EmailsPath,
        Issuer: Declaration.OpenIdConnect ? Root : null,
        JwksUri: Declaration.OpenIdConnect ? Root + JwksPath : null,
        RevocationEndpoint: Declaration.RevocationPath is { } revoke ? Root + revoke : null,
        DiscoveryEndpoint: Declaration.OpenIdConnect ? Root + DiscoveryPath : null);

    /// <summary>The unlink API's URL; null when the declaration has none.</summary>
    public string? UnlinkEndpoint => Declaration.UnlinkPath is { } unlink ? Root + unlink : null;

    protected override string? ConsentNotice =>
        $"{Brand.Name} answers with its documented sample person ({shape.Expect.Name ?? shape.Expect.Id}"
        + (shape.Expect.Email is { } email ? ", " + email : "") + ") whoever you choose"
        + (shape.Unverified is null ? "." : "; a person whose email is not verified (박지훈) gets the same answer with the email not verified.");

    /// <summary>The endpoint a request is for: its path after <c>/{Id}</c> (decoded, as routing sees it); null when this provider has no such path.</summary>
    public CatalogEndpoint? Find(string path)
    {
        if (!path.StartsWith("/" + Id + "/", StringComparison.Ordinal)) return null;
        var own = path[(Id.Length + 1)..];
        if (endpoints.TryGetValue(own, out var e)) return e;
        // a profile API that takes the access token as the last path segment (GET {profile}/{token})
        var slash = own.LastIndexOf('/');
        return slash > 0 && own[..slash] == Uri.UnescapeDataString(Declaration.ProfilePath) && endpoints.TryGetValue(own[..slash], out var profile) ? profile : null;
    }

    /// <summary>Runs the endpoint; a method it does not answer gets 405.</summary>
    public static Task HandleAsync(HttpContext ctx, CatalogEndpoint endpoint)
    {
        if (endpoint.Methods.Contains(ctx.Request.Method, StringComparer.OrdinalIgnoreCase)) return endpoint.Handler(ctx);
        ctx.Response.Headers.Allow = string.Join(", ", endpoint.Methods);
        return Reply.JsonAsync(ctx, 405, new JsonObject { ["error"] = "method_not_allowed" });
    }

    /// <summary>Routes are mapped per request (<see cref="Find"/>): a catalog provider is added while the emulator runs.</summary>
    protected override void MapEndpoints(IEndpointRouteBuilder routes) { }

    protected override IEnumerable<string> ConsentItems(PendingAuthorization request) => [];

    protected override IEnumerable<(string Name, string? Value)> CancelParameters(PendingAuthorization request) =>
        [("error", "access_denied"), ("state", request.State)];

    protected override string NewCode() => Tokens.Url(32);

    protected override bool ForcesLogin(PendingAuthorization request) =>
        request.Extra.GetValueOrDefault("prompt", "").Split(' ').Contains("login");

    private void Add(string path, string methods, EmulatorEndpoint kind, RequestDelegate handler)
    {
        var key = Uri.UnescapeDataString(path);
        if (!key.StartsWith('/') || !endpoints.TryAdd(key, new(new EmulatorRoute(Id, kind), methods.Split(','), handler)))
        {
            throw new ArgumentException($"Catalog provider '{Id}': the path '{path}' of its {kind} endpoint is not an absolute path, or is used twice.");
        }
    }

    private async Task AuthorizeAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        if (FindClient(p.Get(tokenRequest.ClientId)) is not { } client) // the documented name (TikTok: client_key, Deezer: app_id)
        {
            await ErrorPageAsync(ctx, 400, "invalid_client", $"Unknown {tokenRequest.ClientId}.");
            return;
        }
        var redirectUri = p.Get("redirect_uri");
        if (!IsAllowedRedirect(redirectUri))
        {
            await ErrorPageAsync(ctx, 400, "invalid_request", "The redirect_uri is not registered for this client.");
            return;
        }
        var state = p.Get("state");
        if (TryAuthorizeFault(ctx, redirectUri!, state)) return;

        var challenge = p.Get("code_challenge");
        (string Error, string Description)? problem =
            p.Get("response_type") != "code" ? ("unsupported_response_type", "response_type must be code")
            : challenge is not null && p.Get("code_challenge_method") != "S256" ? ("invalid_request", "code_challenge_method must be S256")
            : challenge is null && Declaration.RequirePkce ? ("invalid_request", "code_challenge is required")
            : null;
        if (problem is { } refused)
        {
            RedirectBack(ctx, redirectUri!, ("error", refused.Error), ("error_description", refused.Description), ("state", state));
            return;
        }

        var scopes = (p.Get(tokenRequest.Scope) ?? "").Split(Declaration.ScopeSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var prompt = p.Get("prompt") ?? "";
        var extra = new Dictionary<string, string> { ["prompt"] = prompt };
        if (p.Get("max_age") is { } maxAge) extra["max_age"] = maxAge;
        foreach (var name in tokenRequest.Callback.Keys) extra[name] = Tokens.Url(16); // VK ID's device_id: fresh per authorization
        var request = NewRequest(client, redirectUri!, state, [.. scopes.Distinct()], p.Get("nonce"), challenge, extra);
        if (prompt.Split(' ').Contains("none")) AuthorizeSilently(ctx, request);
        else await ShowConsentAsync(ctx, request);
    }

    protected override IEnumerable<(string Name, string? Value)> AllowedResponseFields(Grant grant) =>
        tokenRequest.Callback.Keys.Select(name => (name, grant.Request.Extra.GetValueOrDefault(name)));

    private async Task TokenAsync(HttpContext ctx)
    {
        if (await RefusedHeadersAsync(ctx)) return;
        if (await TokenParametersAsync(ctx) is not { } p || tokenRequest.Parameters.Any(f => p.Get(f.Key) != f.Value))
        {
            await RecordedErrorAsync(ctx); // not the documented format (form for JSON, JSON for form, or a fixed parameter missing)
            return;
        }
        if (!ClientAuthenticated(ctx, p))
        {
            if (Declaration.ClientAuthentication == CatalogClientAuthentication.Basic) ctx.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Id}\"";
            await Reply.JsonAsync(ctx, 401, new JsonObject { ["error"] = "invalid_client" });
            return;
        }

        switch (p.Get("grant_type"))
        {
            case "authorization_code":
                var code = Store.TakeCode(Id, p.Get("code"));
                if (code is null || p.Get("redirect_uri") != code.Grant.Request.RedirectUri || !PkceMatches(code.Grant.Request.CodeChallenge, p.Get("code_verifier"))
                    || tokenRequest.Callback.Keys.Any(name => p.Get(name) is not { } sent || sent != code.Grant.Request.Extra.GetValueOrDefault(name)))
                {
                    await RecordedErrorAsync(ctx);
                    return;
                }
                var refresh = shape.Token.ContainsKey("refresh_token") ? Store.IssueRefresh(Tokens.Url(32), code.Grant, null).Value : null;
                await Reply.JsonAsync(ctx, shape.TokenStatus, TokenResponse(code.Grant, refresh));
                return;

            case "refresh_token" when shape.Token.ContainsKey("refresh_token"):
                var presented = Store.FindRefresh(Id, Client.ClientId, p.Get("refresh_token"));
                if (presented is null)
                {
                    await RecordedErrorAsync(ctx);
                    return;
                }
                await Reply.JsonAsync(ctx, shape.TokenStatus, TokenResponse(presented.Grant, presented.Value));
                return;

            default:
                await Reply.JsonAsync(ctx, 400, new JsonObject { ["error"] = "unsupported_grant_type" });
                return;
        }
    }

    /// <summary>The token request's parameters in the documented format (<see cref="TokenRequestShape.Body"/>): a form, a JSON object of
    /// strings, or the query; null when the request is in another format.</summary>
    private async Task<Dictionary<string, string>?> TokenParametersAsync(HttpContext ctx)
    {
        switch (tokenRequest.Body)
        {
            case "json":
                if (!RequestParams.IsJson(ctx)) return null;
                return await RequestParams.JsonObjectAsync(ctx);
            case "query":
                if (ctx.Request.HasFormContentType || ctx.Request.ContentLength > 0) return null;
                return ctx.Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
            default:
                if (!RequestParams.IsUrlEncodedForm(ctx)) return null;
                return await RequestParams.FormOnlyAsync(ctx);
        }
    }

    /// <summary>A call without a header the provider documents as required (Reddit: a User-Agent naming the app) is answered 429, as Reddit
    /// rate-limits generic clients; returns whether it was refused.</summary>
    private async Task<bool> RefusedHeadersAsync(HttpContext ctx)
    {
        foreach (var (name, rule) in tokenRequest.Headers)
        {
            var value = ctx.Request.Headers[name].ToString();
            var ok = rule == TokenRequestShape.Descriptive ? NamesTheApp(value) : value.Length > 0;
            if (ok) continue;
            await Reply.JsonAsync(ctx, 429, new JsonObject { ["message"] = "Too Many Requests", ["error"] = 429 });
            return true;
        }
        return false;
    }

    /// <summary><c>&lt;platform&gt;:&lt;client id&gt;:&lt;version&gt; (by …)</c>: Reddit's rule for a User-Agent.</summary>
    private bool NamesTheApp(string userAgent)
    {
        var by = userAgent.IndexOf(" (by ", StringComparison.Ordinal);
        return by > 0 && userAgent.EndsWith(')') && userAgent[..by].Split(':') is [{ Length: > 0 }, var app, { Length: > 0 }] && app == Client.ClientId;
    }

    /// <summary>The client authenticates exactly as declared, under the documented names (<see cref="TokenRequestShape.ClientId"/>,
    /// <see cref="TokenRequestShape.ClientSecret"/>): a secret in the request for post, in the Basic header for basic, none for a public client.</summary>
    private bool ClientAuthenticated(HttpContext ctx, Dictionary<string, string> form)
    {
        var basic = RequestParams.BasicCredentials(ctx);
        var (id, secret) = (form.Get(tokenRequest.ClientId), form.Get(tokenRequest.ClientSecret));
        return Declaration.ClientAuthentication switch
        {
            CatalogClientAuthentication.Basic => basic is { } b && b.Id == Client.ClientId && SecretEquals(b.Secret, Client.ClientSecret) && secret is null,
            CatalogClientAuthentication.Post => basic is null && id == Client.ClientId && SecretEquals(secret, Client.ClientSecret),
            _ => basic is null && id == Client.ClientId && secret is null,
        };
    }

    private Task RecordedErrorAsync(HttpContext ctx) => shape.Error is var (status, body)
        ? Reply.JsonAsync(ctx, status, body)
        : Reply.JsonAsync(ctx, 400, new JsonObject { ["error"] = "invalid_grant" });

    /// <summary>The recorded token answer with a fresh access token bound to the grant (living as long as its <c>expires_in</c> says) in the
    /// member that carries it there (<see cref="ResponseShape.AccessTokenPath"/>), the grant's refresh token, and for OpenID Connect a signed
    /// id_token; every other member as recorded, and no member the recording does not have (a declaration that expects <c>access_token</c>
    /// where the provider sends <c>token</c> fails here as it would at the provider).</summary>
    private JsonObject TokenResponse(Grant grant, string? refreshToken)
    {
        var body = shape.Token;
        var access = Store.IssueAccess(Tokens.Url(32), grant, ExpiresIn(body));
        var path = shape.AccessTokenPath;
        if (path is null ? !Replace(body, "access_token", access.Value) : !ReplaceAt(body, path.Split('.'), access.Value))
        {
            throw new InvalidDataException($"The response shape of {Id} has no access token at '{path ?? "access_token"}': record where it is in tokenAnswer.accessToken.");
        }
        if (refreshToken is not null) Replace(body, "refresh_token", refreshToken);
        if (Declaration.OpenIdConnect)
        {
            var claims = Answers(grant).IdToken ?? new JsonObject { ["sub"] = shape.Expect.Id };
            var subject = claims["sub"]?.ToString() ?? shape.Expect.Id; // a string claim (OIDC Core §2), whatever the recording's type
            foreach (var own in new[] { "iss", "aud", "exp", "iat", "nonce", "auth_time", "sub" }) claims.Remove(own);
            if (claims.ContainsKey("azp")) claims["azp"] = grant.Request.Client.ClientId; // the recording's azp named the documentation's client
            claims["at_hash"] = Jws.AccessTokenHash(access.Value);
            var idToken = CreateIdToken(grant, subject, claims, shape.IdTokenAlg switch
            {
                "RS256" => false,
                "HS256" => true,
                var other => throw new InvalidDataException($"The response shape of {Id} names idTokenAlg '{other}'; the emulator signs RS256 or HS256."),
            });
            if (!Replace(body, "id_token", idToken)) body["id_token"] = idToken;
        }
        return body;
    }

    /// <summary>The recorded profile for a valid token; a profile that echoes the token (HubSpot) carries the one presented, as the provider's does.</summary>
    private async Task ProfileAsync(HttpContext ctx)
    {
        if (await RefusedHeadersAsync(ctx)) return;
        if (await AccessOfAsync(ctx) is not (var grant, var token)) return;
        var profile = Answers(grant).Profile!;
        if (shape.ProfileEchoesAccessToken is { } member && (profile is not JsonObject o || !Replace(o, member, token)))
        {
            throw new InvalidDataException($"The response shape of {Id} has no profile member '{member}' to echo the access token in.");
        }
        await Reply.JsonAsync(ctx, 200, profile);
    }

    private async Task EmailsAsync(HttpContext ctx)
    {
        if (await GrantOfAsync(ctx) is { } grant) await Reply.JsonAsync(ctx, 200, Answers(grant).Emails!);
    }

    private async Task RevokeAsync(HttpContext ctx)
    {
        var p = await RequestParams.FormOnlyAsync(ctx);
        Store.FindAnyToken(Id, p.Get("token"))?.Grant.Revoke(); // RFC 7009 §2.2: an unknown token is answered 200 too
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    private async Task UnlinkAsync(HttpContext ctx)
    {
        if (await GrantOfAsync(ctx) is not { } grant) return;
        grant.Revoke();
        ForgetConsent(grant.Client.ClientId, grant.Person.Id);
        await Reply.JsonAsync(ctx, 200, new JsonObject());
    }

    private Task DiscoveryAsync(HttpContext ctx)
    {
        var method = Declaration.ClientAuthentication switch
        {
            CatalogClientAuthentication.Basic => "client_secret_basic",
            CatalogClientAuthentication.Post => "client_secret_post",
            _ => "none",
        };
        var claims = (shape.IdToken?.Select(c => c.Key) ?? []).Concat(["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce"]).Distinct().Order(StringComparer.Ordinal);
        var doc = DiscoveryDocument(["openid"], [method], [.. claims]);
        doc["id_token_signing_alg_values_supported"] = new JsonArray(shape.IdTokenAlg);
        if (shape.Profile is null) doc.Remove("userinfo_endpoint");
        if (Declaration.RevocationPath is null) doc.Remove("revocation_endpoint");
        if (!shape.Token.ContainsKey("refresh_token")) doc["grant_types_supported"] = new JsonArray("authorization_code");
        return Reply.JsonAsync(ctx, 200, doc);
    }

    /// <summary>The grant of the access token in the Authorization header (any scheme) or in an <c>access_token</c>/<c>oauth_token</c>
    /// (or declared) query or form parameter; otherwise answers 401 and returns null.</summary>
    private async Task<Grant?> GrantOfAsync(HttpContext ctx) => await AccessOfAsync(ctx) is (var grant, _) ? grant : null;

    /// <summary>The grant and the access token presented (<see cref="GrantOfAsync"/>); null after answering 401.</summary>
    private async Task<(Grant Grant, string Token)?> AccessOfAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        var header = RequestParams.Authorization(ctx);
        var space = header?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        var token = space > 0 ? header![(space + 1)..].Trim()
            : TokenParameters.Append(Declaration.ProfileTokenParameter).OfType<string>().Select(p.Get).FirstOrDefault(t => t is not null)
              ?? TokenParameters.Select(name => ctx.Request.Headers[name].FirstOrDefault()).FirstOrDefault(t => !string.IsNullOrEmpty(t)) // PAYCO: an access_token header
              ?? PathToken(ctx.Request.Path.Value);
        var (status, issued) = Store.FindAccess(Id, token);
        if (status == TokenStatus.Valid) return (issued!.Grant, token!);
        ctx.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await Reply.JsonAsync(ctx, 401, new JsonObject { ["error"] = "invalid_token", ["error_description"] = "The access token is invalid or expired." });
        return null;
    }

    /// <summary>The access token written as the last segment of the profile path (<c>{profile}/{token}</c>), when the request has one.</summary>
    private string? PathToken(string? path)
    {
        var prefix = "/" + Id + Uri.UnescapeDataString(Declaration.ProfilePath) + "/";
        return path is not null && path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length ? Uri.UnescapeDataString(path[prefix.Length..]) : null;
    }

    /// <summary>The recorded answers for the grant's person: the <c>unverified</c> variant when the person's email is not verified.</summary>
    private UnverifiedAnswers Answers(Grant grant) =>
        !grant.Person.EmailVerified && shape.Unverified is { } unverified ? unverified : new(shape.Profile, shape.IdToken, shape.Emails);

    /// <summary>The recorded <c>expires_in</c> (a number, or a string as Naver sends it); null when the answer has none.</summary>
    private static TimeSpan? ExpiresIn(JsonObject token) => token["expires_in"] is JsonValue v
        && (v.TryGetValue<long>(out var seconds) || (v.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)))
        && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>Replaces the value at a dotted path (<c>data.0.access_token</c>: a member, an array index, a member); false when the path
    /// does not lead to an existing member.</summary>
    private static bool ReplaceAt(JsonNode? node, ReadOnlySpan<string> path, string value)
    {
        if (path.Length == 1)
        {
            if (node is not JsonObject last || !last.ContainsKey(path[0])) return false;
            last[path[0]] = value;
            return true;
        }
        var next = node switch
        {
            JsonObject o => o[path[0]],
            JsonArray a when int.TryParse(path[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
            _ => null,
        };
        return next is not null && ReplaceAt(next, path[1..], value);
    }

    /// <summary>Replaces the first member called <paramref name="name"/>, at the top or nested (<c>authed_user.access_token</c>); false when there is none.</summary>
    private static bool Replace(JsonObject o, string name, string value)
    {
        if (o.ContainsKey(name))
        {
            o[name] = value;
            return true;
        }
        return o.Select(m => m.Value).OfType<JsonObject>().Any(nested => Replace(nested, name, value));
    }
}
