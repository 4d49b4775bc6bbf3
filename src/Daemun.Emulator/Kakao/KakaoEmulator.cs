using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>Kakao Login as documented in docs/providers/kakao.md: KOE errors, int64 ids, *_needs_agreement, partial refresh rotation, optional OIDC.</summary>
internal sealed class KakaoEmulator(EmulatorContext context)
    : ProviderBase(context, new EmulatorClient("kakao", "emulator-kakao-client", "emulator-kakao-secret", SecretRequired: false) { AppId = 1_048_576, AdminKey = "emulator-kakao-admin-key" })
{
    private static readonly string[] Items =
        ["account_email", "profile_nickname", "profile_image", "name", "gender", "age_range", "birthday", "birthyear", "phone_number"];

    private static readonly HashSet<string> KnownScopes =
        [.. Items, "openid", "profile", "friends", "talk_message", "talk_calendar", "talk_chats", "plusfriends", "account_ci", "shipping_address"];

    private static readonly TimeSpan RotationWindow = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<(string ClientId, string PersonId), DateTimeOffset> connectedAt = new();

    public override string Id => "kakao";
    public override Brand Brand { get; } = new("kakao", "#FEE500", "#191919");
    public override EmulatorClient Client => base.Client with { SecretRequired = Options.KakaoRequireSecret };
    protected override bool SignsIdTokens => true;

    public override ProviderEndpoints Endpoints => new(
        AuthorizationEndpoint: Root + "/oauth/authorize",
        TokenEndpoint: Root + "/oauth/token",
        UserInfoEndpoint: Root + "/v2/user/me",
        Issuer: Root,
        JwksUri: Root + "/.well-known/jwks.json",
        DiscoveryEndpoint: Root + "/.well-known/openid-configuration");

    /// <summary>kakao.md §5: same authorize and token paths; userinfo /v1/oidc/userinfo.</summary>
    public override ProviderEndpoints OidcEndpoints => Endpoints with { UserInfoEndpoint = Root + "/v1/oidc/userinfo" };

    protected override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        Route(routes, "GET", "/oauth/logout", EmulatorEndpoint.BrowserLogout, BrowserLogoutAsync);
        Route(routes, "GET", "/oauth/authorize", EmulatorEndpoint.Authorize, AuthorizeAsync);
        Route(routes, "POST", "/oauth/token", EmulatorEndpoint.Token, TokenAsync);
        Route(routes, "GET,POST", "/v2/user/me", EmulatorEndpoint.UserInfo, UserAsync);
        Route(routes, "GET,POST", "/v1/oidc/userinfo", EmulatorEndpoint.UserInfo, OidcUserInfoAsync);
        Route(routes, "POST", "/v1/user/logout", EmulatorEndpoint.Logout, LogoutAsync);
        Route(routes, "POST", "/v1/user/unlink", EmulatorEndpoint.Unlink, UnlinkAsync);
        Route(routes, "GET", "/v1/user/access_token_info", EmulatorEndpoint.TokenInfo, TokenInfoAsync);
        Route(routes, "GET", "/.well-known/openid-configuration", EmulatorEndpoint.Discovery, DiscoveryAsync);
        Route(routes, "GET", "/.well-known/jwks.json", EmulatorEndpoint.Jwks, ctx => Reply.JsonAsync(ctx, 200, Keys!.Jwks()));
    }

    protected override IEnumerable<string> ConsentItems(PendingAuthorization request) => Items;

    protected override IEnumerable<(string Name, string? Value)> CancelParameters(PendingAuthorization request) =>
        [("error", "access_denied"), ("error_description", "User denied access"), ("state", request.State)];

    protected override string NewCode() => Tokens.Url(64);

    protected override void OnAllowed(Grant grant) => connectedAt.TryAdd((grant.Client.ClientId, grant.Person.Id), Now);

    protected override void OnDisconnected(string clientId, string personId) => connectedAt.TryRemove((clientId, personId), out _);

    /// <summary>prompt=login forces the Kakao account login even when signed in.</summary>
    protected override bool ForcesLogin(PendingAuthorization request) =>
        request.Extra.GetValueOrDefault("prompt", "").Split(',').Contains("login");

    /// <summary>Kakao asks again for the items the scope parameter names; other items declined before stay declined.</summary>
    protected override IReadOnlySet<string> StillDeclined(PendingAuthorization request, IReadOnlySet<string> remembered) =>
        remembered.Where(item => !request.Scopes.Contains(item)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// kakao.md §4 browser logout: unknown client → KOE101 page; logout_redirect_uri not registered → KOE007 page; otherwise the
    /// Kakao account session ends and the browser goes to logout_redirect_uri with state. Assumption (kakao.md is silent): the app's
    /// tokens stay valid; only the browser session ends (the next authorize asks to sign in again, prompt=none gets login_required).
    /// </summary>
    private async Task BrowserLogoutAsync(HttpContext ctx)
    {
        if (FindClient(ctx.Request.Query["client_id"]) is null)
        {
            await ErrorPageAsync(ctx, 400, "앱 관리자 설정 오류 (KOE101)", "잘못된 앱 키입니다. / Not exist client_id [" + ctx.Request.Query["client_id"] + "]");
            return;
        }
        var redirectUri = ctx.Request.Query["logout_redirect_uri"].ToString();
        if (!IsAllowedRedirect(redirectUri))
        {
            await ErrorPageAsync(ctx, 400, "앱 관리자 설정 오류 (KOE007)", "등록하지 않은 로그아웃 리다이렉트 URI입니다. / The logout_redirect_uri is not registered.");
            return;
        }
        ClearSession(ctx);
        RedirectBack(ctx, redirectUri, ("state", ctx.Request.Query["state"].FirstOrDefault()));
    }
    private async Task AuthorizeAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        if (FindClient(p.Get("client_id")) is not { } client)
        {
            await ErrorPageAsync(ctx, 400, "앱 관리자 설정 오류 (KOE101)", "잘못된 앱 키입니다. / Not exist client_id [" + p.Get("client_id") + "]");
            return;
        }
        var redirectUri = p.Get("redirect_uri");
        if (!IsAllowedRedirect(redirectUri))
        {
            await ErrorPageAsync(ctx, 400, "앱 관리자 설정 오류 (KOE006)", "등록하지 않은 리다이렉트 URI입니다. / The redirect_uri is not registered.");
            return;
        }
        if (p.Get("response_type") != "code")
        {
            await ErrorPageAsync(ctx, 400, "앱 관리자 설정 오류 (KOE201)", "response_type must be code.");
            return;
        }
        var state = p.Get("state");
        if (TryAuthorizeFault(ctx, redirectUri!, state)) return;

        var scopes = (p.Get("scope") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (scopes.FirstOrDefault(s => !KnownScopes.Contains(s)) is { } unknown)
        {
            RedirectBack(ctx, redirectUri!, ("error", "invalid_scope"), ("error_description", "invalid scope: " + unknown), ("state", state));
            return;
        }
        var challenge = p.Get("code_challenge");
        if (challenge is not null && p.Get("code_challenge_method") != "S256")
        {
            RedirectBack(ctx, redirectUri!, ("error", "invalid_request"), ("error_description", "code_challenge_method must be S256"), ("state", state));
            return;
        }

        var prompts = (p.Get("prompt") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = NewRequest(client, redirectUri!, state, scopes, p.Get("nonce"), challenge,
            new Dictionary<string, string> { ["prompt"] = string.Join(',', prompts) });
        if (prompts.Contains("none")) AuthorizeSilently(ctx, request);
        else await ShowConsentAsync(ctx, request);
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        if (!RequestParams.IsUrlEncodedForm(ctx))
        {
            await Reply.JsonAsync(ctx, 400, new JsonObject
            {
                ["error"] = "invalid_request", ["error_description"] = "Content-Type must be application/x-www-form-urlencoded.",
            });
            return;
        }
        var p = await RequestParams.FormOnlyAsync(ctx);
        if (FindClient(p.Get("client_id")) is not { } client)
        {
            await KoeAsync(ctx, 401, "invalid_client", "Not exist client_id [" + p.Get("client_id") + "]", "KOE101");
            return;
        }
        // Kakao reads the secret from the form body only; an Authorization: Basic header is ignored.
        var secret = p.Get("client_secret");
        if (secret is null ? client.SecretRequired : !SecretEquals(secret, client.ClientSecret))
        {
            await KoeAsync(ctx, 401, "invalid_client", "Bad client credentials", "KOE010");
            return;
        }

        switch (p.Get("grant_type"))
        {
            case "authorization_code":
                await ExchangeCodeAsync(ctx, p, client);
                return;
            case "refresh_token":
                await RefreshAsync(ctx, p, client);
                return;
            default:
                await Reply.JsonAsync(ctx, 400, new JsonObject
                {
                    ["error"] = "unsupported_grant_type", ["error_description"] = "grant_type must be authorization_code or refresh_token.",
                });
                return;
        }
    }

    private async Task ExchangeCodeAsync(HttpContext ctx, Dictionary<string, string> p, EmulatorClient client)
    {
        var code = Store.TakeCode(Id, p.Get("code"));
        if (code is null || code.Grant.Client.ClientId != client.ClientId)
        {
            await KoeAsync(ctx, 400, "invalid_grant", "authorization code not found for code=" + p.Get("code"), "KOE320");
            return;
        }
        var grant = code.Grant;
        if (p.Get("redirect_uri") != grant.Request.RedirectUri)
        {
            await KoeAsync(ctx, 400, "invalid_grant", "Redirect URI mismatch.", "KOE303");
            return;
        }
        if (!PkceMatches(grant.Request.CodeChallenge, p.Get("code_verifier")))
        {
            await Reply.JsonAsync(ctx, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "PKCE verification failed." });
            return;
        }

        var access = Store.IssueAccess(Tokens.Url(40), grant, Options.KakaoAccessTokenLifetime);
        var refresh = Store.IssueRefresh(Tokens.Url(40), grant, Options.KakaoRefreshTokenLifetime);
        var body = new JsonObject { ["token_type"] = "bearer", ["access_token"] = access.Value };
        if (grant.HasScope("openid")) body["id_token"] = IdToken(grant);
        body["expires_in"] = Seconds(Options.KakaoAccessTokenLifetime);
        body["refresh_token"] = refresh.Value;
        body["refresh_token_expires_in"] = Seconds(Options.KakaoRefreshTokenLifetime);
        body["scope"] = Scope(grant);
        await Reply.JsonAsync(ctx, 200, body);
    }

    private async Task RefreshAsync(HttpContext ctx, Dictionary<string, string> p, EmulatorClient client)
    {
        var old = Store.FindRefresh(Id, client.ClientId, p.Get("refresh_token"));
        if (old is null)
        {
            await KoeAsync(ctx, 400, "invalid_grant", "expired_or_invalid_refresh_token", "KOE322");
            return;
        }
        var grant = old.Grant;
        var access = Store.IssueAccess(Tokens.Url(40), grant, Options.KakaoAccessTokenLifetime);
        var body = new JsonObject { ["token_type"] = "bearer", ["access_token"] = access.Value };
        if (grant.HasScope("openid")) body["id_token"] = IdToken(grant);
        body["expires_in"] = Seconds(Options.KakaoAccessTokenLifetime);
        // A new refresh token only when the old one has less than a month left; the old one then stops working.
        if (old.Remaining(Now) < RotationWindow)
        {
            old.Revoke();
            var refresh = Store.IssueRefresh(Tokens.Url(40), grant, Options.KakaoRefreshTokenLifetime);
            body["refresh_token"] = refresh.Value;
            body["refresh_token_expires_in"] = Seconds(Options.KakaoRefreshTokenLifetime);
        }
        await Reply.JsonAsync(ctx, 200, body);
    }

    private async Task UserAsync(HttpContext ctx)
    {
        if (await AuthenticateAsync(ctx) is not { } token) return;
        var g = token.Grant;
        var connected = connectedAt.TryGetValue((g.Client.ClientId, g.Person.Id), out var at) ? at : g.AuthTime;
        await Reply.JsonAsync(ctx, 200, KakaoUser.Build(g, Context.PictureOf(g.Person), connected, Now));
    }

    private async Task OidcUserInfoAsync(HttpContext ctx)
    {
        if (await AuthenticateAsync(ctx) is not { } token) return;
        var claims = new JsonObject { ["sub"] = token.Grant.Person.KakaoId.ToString(CultureInfo.InvariantCulture) };
        foreach (var (name, value) in KakaoUser.OidcClaims(token.Grant, Context.PictureOf(token.Grant.Person))) claims[name] = value?.DeepClone();
        if (token.Grant.Shares("account_email") && token.Grant.Person.Email is not null)
            claims["email_verified"] = token.Grant.Person.EmailVerified && token.Grant.Person.EmailValid;
        await Reply.JsonAsync(ctx, 200, claims);
    }

    /// <summary>Expires the person's access and refresh tokens for this app; the consent is kept.</summary>
    private async Task LogoutAsync(HttpContext ctx)
    {
        if (await TargetAsync(ctx) is not { } person) return;
        Store.RevokeAll(Id, Client.ClientId, person.Id);
        await Reply.JsonAsync(ctx, 200, new JsonObject { ["id"] = person.KakaoId });
    }

    /// <summary>Disconnects the app: all tokens die and the consent is forgotten.</summary>
    private async Task UnlinkAsync(HttpContext ctx)
    {
        if (await TargetAsync(ctx) is not { } person) return;
        Disconnect(person.Id);
        await Reply.JsonAsync(ctx, 200, new JsonObject { ["id"] = person.KakaoId });
    }

    /// <summary>
    /// The person a logout/unlink call is about: the Bearer token's owner, or with <c>Authorization: KakaoAK {admin key}</c> the form's
    /// target_id_type=user_id and target_id. Assumptions (not in kakao.md): a wrong admin key is 401 -401 "wrong appKey", a missing or
    /// bad target is 400 -2, a user not linked to the app is 400 -101 "NotRegisteredUserException".
    /// </summary>
    private async Task<TestPerson?> TargetAsync(HttpContext ctx)
    {
        if (RequestParams.Token(RequestParams.Authorization(ctx), "KakaoAK") is not { } adminKey)
            return (await AuthenticateAsync(ctx))?.Grant.Person;

        if (Client.AdminKey is not { } expected || !SecretEquals(adminKey, expected))
        {
            await Reply.JsonAsync(ctx, 401, new JsonObject { ["msg"] = "wrong appKey format", ["code"] = -401 });
            return null;
        }
        var p = await RequestParams.QueryAndFormAsync(ctx);
        if (p.Get("target_id_type") != "user_id" || !long.TryParse(p.Get("target_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var targetId))
        {
            await Reply.JsonAsync(ctx, 400, new JsonObject { ["msg"] = "target_id_type must be user_id and target_id a user id", ["code"] = -2 });
            return null;
        }
        var person = Context.People.Snapshot().FirstOrDefault(x => x.KakaoId == targetId);
        if (person is null || !connectedAt.ContainsKey((Client.ClientId, person.Id)))
        {
            await Reply.JsonAsync(ctx, 400, new JsonObject { ["msg"] = "NotRegisteredUserException", ["code"] = -101 });
            return null;
        }
        return person;
    }

    private async Task TokenInfoAsync(HttpContext ctx)
    {
        if (await AuthenticateAsync(ctx) is not { } token) return;
        await Reply.JsonAsync(ctx, 200, new JsonObject
        {
            ["id"] = token.Grant.Person.KakaoId, ["expires_in"] = Seconds(token.Remaining(Now)), ["app_id"] = token.Grant.Client.AppId,
        });
    }

    private Task DiscoveryAsync(HttpContext ctx) => Reply.JsonAsync(ctx, 200, DiscoveryDocument(
        scopes: ["openid"],
        authMethods: ["client_secret_post"],
        claims: ["iss", "aud", "sub", "auth_time", "exp", "iat", "nonce", "nickname", "picture", "email"]));

    /// <summary>The live token of the Bearer header, or null after writing Kakao's -401 body.</summary>
    private async Task<IssuedToken?> AuthenticateAsync(HttpContext ctx)
    {
        var bearer = RequestParams.Token(RequestParams.Authorization(ctx), "Bearer");
        var (status, token) = bearer is null ? (TokenStatus.Unknown, null) : Store.FindAccess(Id, bearer);
        var message = bearer is null ? "no authentication key!"
            : status == TokenStatus.Expired ? "this access token is already expired"
            : status == TokenStatus.Unknown ? "this access token does not exist"
            : null;
        if (message is null) return token;
        await Reply.JsonAsync(ctx, 401, new JsonObject { ["msg"] = message, ["code"] = -401 });
        return null;
    }

    private string IdToken(Grant grant) =>
        CreateIdToken(grant, grant.Person.KakaoId.ToString(CultureInfo.InvariantCulture), KakaoUser.OidcClaims(grant, Context.PictureOf(grant.Person)));

    /// <summary>The agreed items, space-separated, plus openid when requested.</summary>
    private static string Scope(Grant grant) =>
        string.Join(' ', Items.Where(grant.Shares).Concat(grant.HasScope("openid") ? ["openid"] : []));

    private static long Seconds(TimeSpan span) => (long)Math.Max(0, span.TotalSeconds);

    private static Task KoeAsync(HttpContext ctx, int status, string error, string description, string code) =>
        Reply.JsonAsync(ctx, status, new JsonObject { ["error"] = error, ["error_description"] = description, ["error_code"] = code });
}
