using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>Naver Login as documented in docs/providers/naver.md: string expires_in, errors with HTTP 200, resultcode envelopes.</summary>
internal sealed class NaverEmulator(EmulatorContext context)
    : ProviderBase(context, new EmulatorClient("naver", "emulator-naver-client", "emulator-naver-secret", SecretRequired: true))
{
    private static readonly string[] Items = ["email", "nickname", "name", "gender", "age", "birthday", "birthyear", "mobile", "profile_image"];
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public override string Id => "naver";
    public override Brand Brand { get; } = new("NAVER", "#03C75A", "#ffffff");

    public override ProviderEndpoints Endpoints => new(
        AuthorizationEndpoint: Root + "/oauth2.0/authorize",
        TokenEndpoint: Root + "/oauth2.0/token",
        UserInfoEndpoint: Root + "/v1/nid/me",
        RevocationEndpoint: Root + "/oauth2.0/revoke");

    /// <summary>naver.md §7: /oauth2/ paths (not /oauth2.0/), issuer {emulator}/naver, userinfo = the classic profile API.</summary>
    public override ProviderEndpoints OidcEndpoints => new(
        AuthorizationEndpoint: Root + "/oauth2/authorize",
        TokenEndpoint: Root + "/oauth2/token",
        UserInfoEndpoint: Root + "/v1/nid/me",
        Issuer: Root,
        JwksUri: Root + "/oauth2/jwks",
        RevocationEndpoint: Root + "/oauth2.0/revoke",
        DiscoveryEndpoint: Root + "/.well-known/openid-configuration");

    protected override bool SignsIdTokens => true;

    protected override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        Route(routes, "GET,POST", "/oauth2/authorize", EmulatorEndpoint.Authorize, OidcAuthorizeAsync);
        Route(routes, "POST", "/oauth2/token", EmulatorEndpoint.Token, OidcTokenAsync);
        Route(routes, "GET", "/oauth2/jwks", EmulatorEndpoint.Jwks, ctx => Reply.JsonAsync(ctx, 200, Keys!.Jwks()));
        Route(routes, "GET", "/.well-known/openid-configuration", EmulatorEndpoint.Discovery, ctx => Reply.JsonAsync(ctx, 200, DiscoveryDocument(
            scopes: ["openid"],
            authMethods: ["client_secret_post"],
            claims: ["iss", "aud", "sub", "iat", "exp", "auth_time", "nonce", "name", "email", "picture", "nickname"])));
        Route(routes, "GET,POST", "/oauth2.0/authorize", EmulatorEndpoint.Authorize, AuthorizeAsync);
        Route(routes, "GET,POST", "/oauth2.0/token", EmulatorEndpoint.Token, TokenAsync);
        Route(routes, "POST", "/oauth2.0/revoke", EmulatorEndpoint.Revoke, RevokeAsync);
        Route(routes, "GET,POST", "/v1/nid/me", EmulatorEndpoint.UserInfo, ProfileAsync);
        Route(routes, "GET,POST", "/v1/nid/verify", EmulatorEndpoint.Verify, VerifyAsync);
    }

    protected override IEnumerable<string> ConsentItems(PendingAuthorization request) => Items;

    protected override IEnumerable<(string Name, string? Value)> CancelParameters(PendingAuthorization request) =>
        [("error", "access_denied"), ("error_description", "Canceled By User"), ("state", request.State)];

    protected override string NewCode() => Tokens.Alnum(18);

    /// <summary>auth_type=reauthenticate forces the ID/password login even when signed in.</summary>
    protected override bool ForcesLogin(PendingAuthorization request) => request.Extra.GetValueOrDefault("auth_type") == "reauthenticate";

    /// <summary>Items declined before stay declined unless auth_type=reprompt asks again (naver.md §1, §5).</summary>
    protected override IReadOnlySet<string> StillDeclined(PendingAuthorization request, IReadOnlySet<string> remembered) =>
        request.Extra.GetValueOrDefault("auth_type") == "reprompt" ? new HashSet<string>() : remembered;

    private Task AuthorizeAsync(HttpContext ctx) => AuthorizeAsync(ctx, oidc: false);

    private Task OidcAuthorizeAsync(HttpContext ctx) => AuthorizeAsync(ctx, oidc: true);

    /// <summary>
    /// Classic and OIDC authorize share their checks. OIDC adds: scope (space-separated) must contain openid, else invalid_scope;
    /// optional PKCE S256; nonce. Assumption: state stays required in OIDC mode as in the classic API (the docs are silent).
    /// </summary>
    private async Task AuthorizeAsync(HttpContext ctx, bool oidc)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        var redirectUri = p.Get("redirect_uri");
        if (!IsAllowedRedirect(redirectUri))
        {
            await ErrorPageAsync(ctx, 400, "Callback URL 오류 / Callback URL mismatch", "redirect_uri is not a registered Callback URL of this application.");
            return;
        }
        var state = p.Get("state");
        if (FindClient(p.Get("client_id")) is not { } client)
        {
            RedirectBack(ctx, redirectUri!, ("state", state), ("error", "unauthorized_client"), ("error_description", "Invalid client_id"));
            return;
        }
        if (TryAuthorizeFault(ctx, redirectUri!, state)) return;
        if (p.Get("response_type") != "code")
        {
            RedirectBack(ctx, redirectUri!, ("state", state), ("error", "unsupported_response_type"), ("error_description", "response_type must be code"));
            return;
        }
        if (string.IsNullOrEmpty(state))
        {
            RedirectBack(ctx, redirectUri!, ("error", "invalid_request"), ("error_description", "state is required"));
            return;
        }
        var extra = new Dictionary<string, string>();
        if (p.Get("auth_type") is { } authType) extra["auth_type"] = authType;
        if (!oidc)
        {
            await AnswerAsync(ctx, NewRequest(client, redirectUri!, state, [], extra: extra));
            return;
        }

        var scopes = (p.Get("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (!scopes.Contains("openid"))
        {
            RedirectBack(ctx, redirectUri!, ("state", state), ("error", "invalid_scope"), ("error_description", "scope must contain openid"));
            return;
        }
        var challenge = p.Get("code_challenge");
        if (challenge is not null && p.Get("code_challenge_method") != "S256")
        {
            RedirectBack(ctx, redirectUri!, ("state", state), ("error", "invalid_request"), ("error_description", "code_challenge_method must be S256"));
            return;
        }
        await AnswerAsync(ctx, NewRequest(client, redirectUri!, state, scopes, p.Get("nonce"), challenge, extra));
    }

    /// <summary>The consent page, except for auth_type=autologin (naver.md §1): only inside the Naver app, and then without any page —
    /// a person logged in here who consented before gets a code at once; otherwise Naver's access_denied answers.</summary>
    private Task AnswerAsync(HttpContext ctx, PendingAuthorization request)
    {
        if (request.Extra.GetValueOrDefault("auth_type") != "autologin") return ShowConsentAsync(ctx, request);
        if (!ctx.Request.Headers.UserAgent.ToString().Contains(NaverAppMarker, StringComparison.Ordinal))
        {
            RedirectBack(ctx, request.RedirectUri, ("error", "access_denied"), ("error_description", "unsupported browser environment."), ("state", request.State));
        }
        else
        {
            AuthorizeSilently(ctx, request, notLoggedIn: ("access_denied", "user not logged in."), noConsent: ("access_denied", "need user consent."));
        }
        return Task.CompletedTask;
    }

    /// <summary>What the Naver app puts in its User-Agent (naver.md §1).</summary>
    private const string NaverAppMarker = "NAVER(inapp; search;";

    /// <summary>
    /// OIDC token endpoint (client_secret_post). Assumptions where naver.md §7 is silent: errors follow RFC 6749 (400 invalid_grant,
    /// 401 invalid_client) rather than the classic HTTP 200 bodies; expires_in stays a JSON string as in the classic API; refresh
    /// returns no new refresh_token (as classic) but a fresh id_token.
    /// </summary>
    private async Task OidcTokenAsync(HttpContext ctx)
    {
        var p = await RequestParams.FormOnlyAsync(ctx);
        if (FindClient(p.Get("client_id")) is not { } client || !SecretEquals(p.Get("client_secret"), client.ClientSecret))
        {
            await NaverJson.WriteAsync(ctx, 401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Client authentication failed." });
            return;
        }
        switch (p.Get("grant_type"))
        {
            case "authorization_code":
                var code = Store.TakeCode(Id, p.Get("code"));
                if (code is null || code.Grant.Client.ClientId != client.ClientId)
                {
                    await NaverJson.WriteAsync(ctx, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "no valid data in session" });
                    return;
                }
                var grant = code.Grant;
                // RFC 6749 §4.1.3: required (and equal) because the authorization request carried it, as Naver's always does
                if (p.Get("redirect_uri") != grant.Request.RedirectUri)
                {
                    await NaverJson.WriteAsync(ctx, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "redirect_uri mismatch" });
                    return;
                }
                if (!PkceMatches(grant.Request.CodeChallenge, p.Get("code_verifier")))
                {
                    await NaverJson.WriteAsync(ctx, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "code_verifier mismatch" });
                    return;
                }
                var refresh = Store.IssueRefresh(Tokens.Alnum(64), grant, lifetime: null);
                await NaverJson.WriteAsync(ctx, 200, OidcTokenResponse(grant, refresh.Value));
                return;

            case "refresh_token":
                var old = Store.FindRefresh(Id, client.ClientId, p.Get("refresh_token"));
                if (old is null)
                {
                    await NaverJson.WriteAsync(ctx, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "invalid refresh token" });
                    return;
                }
                await NaverJson.WriteAsync(ctx, 200, OidcTokenResponse(old.Grant, refreshToken: null));
                return;

            default:
                await NaverJson.WriteAsync(ctx, 400, new JsonObject
                {
                    ["error"] = "unsupported_grant_type", ["error_description"] = "grant_type must be authorization_code or refresh_token",
                });
                return;
        }
    }

    private JsonObject OidcTokenResponse(Grant grant, string? refreshToken)
    {
        var access = Store.IssueAccess(NewAccessToken(), grant, Options.NaverAccessTokenLifetime);
        var body = new JsonObject { ["access_token"] = access.Value };
        if (refreshToken is not null) body["refresh_token"] = refreshToken;
        body["token_type"] = "bearer";
        body["expires_in"] = ExpiresIn(); // Assumption: a JSON string as in the classic API (naver.md §2); §7 does not say.
        if (grant.HasScope("openid")) body["id_token"] = IdToken(grant);
        return body;
    }

    /// <summary>sub = the person's Naver id; name, email, picture and nickname only when shared.</summary>
    private string IdToken(Grant grant)
    {
        var person = grant.Person;
        var claims = new JsonObject();
        if (grant.Shares("name")) claims["name"] = person.Name;
        if (grant.Shares("email") && person.Email is not null) claims["email"] = person.Email;
        if (grant.Shares("profile_image") && Context.PictureOf(person) is { } picture) claims["picture"] = picture;
        if (grant.Shares("nickname") && person.Nickname is not null) claims["nickname"] = person.Nickname;
        return CreateIdToken(grant, person.NaverId, claims);
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        if (FindClient(p.Get("client_id")) is not { } client || !SecretEquals(p.Get("client_secret"), client.ClientSecret))
        {
            await Error(ctx, "invalid_request", "wrong client id / client secret pair");
            return;
        }

        switch (p.Get("grant_type"))
        {
            case "authorization_code":
                // naver.md §2: client_id, client_secret, code and state are the documented parameters; the code is single use (taken
                // here, whatever follows) and the state must be the one of the authorization request that issued it. Classic Naver has no
                // PKCE, so this is what stops a stolen code from being redeemed in a sign-in the thief started with a state of their own.
                // Naver documents no redirect_uri on this request, so one sent is not checked. A wrong or missing state is answered as an
                // unknown code is (Naver documents no separate answer for it).
                var code = Store.TakeCode(Id, p.Get("code"));
                if (code is null || code.Grant.Client.ClientId != client.ClientId || !SameState(code.Grant.Request.State, p.Get("state")))
                {
                    await Error(ctx, "invalid_request", "no valid data in session");
                    return;
                }
                var access = Store.IssueAccess(NewAccessToken(), code.Grant, Options.NaverAccessTokenLifetime);
                var refresh = Store.IssueRefresh(Tokens.Alnum(64), code.Grant, lifetime: null);
                await NaverJson.WriteAsync(ctx, 200, new JsonObject
                {
                    ["access_token"] = access.Value, ["refresh_token"] = refresh.Value,
                    ["token_type"] = "bearer", ["expires_in"] = ExpiresIn(),
                });
                return;

            case "refresh_token":
                var old = Store.FindRefresh(Id, client.ClientId, p.Get("refresh_token"));
                if (old is null)
                {
                    await Error(ctx, "invalid_request", "invalid refresh token");
                    return;
                }
                var renewed = Store.IssueAccess(NewAccessToken(), old.Grant, Options.NaverAccessTokenLifetime);
                await NaverJson.WriteAsync(ctx, 200, new JsonObject
                {
                    ["access_token"] = renewed.Value, ["token_type"] = "bearer", ["expires_in"] = ExpiresIn(),
                });
                return;

            case "delete":
                var sent = p.Get("access_token") ?? "";
                RevokePair(sent);
                await NaverJson.WriteAsync(ctx, 200, new JsonObject { ["access_token"] = sent, ["result"] = "success" });
                return;

            default:
                await Error(ctx, "unsupported_grant_type", "grant_type must be authorization_code, refresh_token or delete");
                return;
        }
    }

    private async Task RevokeAsync(HttpContext ctx)
    {
        var p = await RequestParams.FormOnlyAsync(ctx);
        if (FindClient(p.Get("client_id")) is not { } client || !SecretEquals(p.Get("client_secret"), client.ClientSecret))
        {
            await NaverJson.WriteAsync(ctx, 401, new JsonObject { ["error"] = "unauthorized_client", ["error_description"] = "Client authentication failed." });
            return;
        }
        if (string.IsNullOrEmpty(p.Get("token")))
        {
            await NaverJson.WriteAsync(ctx, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "token is required." });
            return;
        }
        RevokePair(p.Get("token"));
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    /// <summary>Revoking one token revokes its pair (naver.md §3) — but an expired token cannot unlink (Naver guide §5: refresh first):
    /// Naver still answers success, and nothing happens. Unknown and revoked tokens are answered the same way.</summary>
    private void RevokePair(string? token)
    {
        if (Store.FindAnyToken(Id, token) is { } found && !found.IsExpired(Now)) found.Grant.Revoke();
    }

    private async Task ProfileAsync(HttpContext ctx)
    {
        if (await AuthenticateAsync(ctx) is not { } token) return;
        await NaverJson.WriteAsync(ctx, 200, new JsonObject
        {
            ["resultcode"] = "00", ["message"] = "success", ["response"] = Profile(token.Grant),
        });
    }

    private async Task VerifyAsync(HttpContext ctx)
    {
        if (await AuthenticateAsync(ctx) is not { } token) return;
        var response = new JsonObject
        {
            ["token"] = token.Value,
            ["expire_date"] = token.ExpiresAt?.ToOffset(Kst).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
        if (ctx.Request.Query["info"] == "true")
            response["allowed_profile"] = string.Join(',', Items.Where(token.Grant.Shares));
        await NaverJson.WriteAsync(ctx, 200, new JsonObject { ["resultcode"] = "00", ["message"] = "success", ["response"] = response });
    }

    /// <summary>The live token of the Bearer header, or null after writing 028 (no header) / 024 (bad, expired, revoked).</summary>
    private async Task<IssuedToken?> AuthenticateAsync(HttpContext ctx)
    {
        var header = RequestParams.Authorization(ctx);
        if (header is null)
        {
            await NaverJson.WriteAsync(ctx, 401, NaverJson.NoAuthHeader);
            return null;
        }
        var (status, token) = Store.FindAccess(Id, RequestParams.Token(header, "Bearer"));
        if (status != TokenStatus.Valid)
        {
            await NaverJson.WriteAsync(ctx, 401, NaverJson.AuthFailed);
            return null;
        }
        return token;
    }

    /// <summary>Every value a string; a declined or missing item is left out.</summary>
    private JsonObject Profile(Grant grant)
    {
        var person = grant.Person;
        var profile = new JsonObject { ["id"] = person.NaverId };
        void Add(string item, string name, string? value)
        {
            if (value is not null && grant.Shares(item)) profile[name] = value;
        }

        Add("nickname", "nickname", person.Nickname);
        Add("name", "name", person.Name);
        Add("email", "email", person.Email);
        Add("gender", "gender", person.Gender switch
        {
            PersonGender.Female => "F", PersonGender.Male => "M", PersonGender.Unspecified => "U", _ => null,
        });
        Add("age", "age", PersonFacts.Age(person, Now) is { } age ? AgeRange(age) : null);
        Add("birthday", "birthday", person.Birthdate?.ToString("MM-dd", CultureInfo.InvariantCulture));
        Add("profile_image", "profile_image", Context.PictureOf(person));
        Add("birthyear", "birthyear", person.Birthdate?.Year.ToString(CultureInfo.InvariantCulture));
        Add("mobile", "mobile", PersonFacts.KoreanMobile(person));
        Add("mobile", "mobile_e164", PersonFacts.KoreanMobile(person) is null ? null : person.PhoneNumber);
        return profile;
    }

    private static string AgeRange(int age) => age >= 60 ? "60-" : $"{age / 10 * 10}-{age / 10 * 10 + 9}";

    private static string NewAccessToken() => "AAAA" + Tokens.Base64(96);

    private string ExpiresIn() => ((long)Options.NaverAccessTokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static bool SameState(string? issued, string? sent) =>
        issued is not null && sent is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(issued), System.Text.Encoding.UTF8.GetBytes(sent));

    private static Task Error(HttpContext ctx, string error, string description) =>
        NaverJson.WriteAsync(ctx, 200, new JsonObject { ["error"] = error, ["error_description"] = description });
}
