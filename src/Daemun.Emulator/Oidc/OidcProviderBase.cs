using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>An OpenID Connect provider (Google, the generic peer): discovery, JWKS, PKCE S256, RS256 id_tokens, userinfo.</summary>
internal abstract class OidcProviderBase(EmulatorContext context, EmulatorClient client) : ProviderBase(context, client)
{
    private static readonly string[] Items = ["email", "profile"];

    protected abstract OidcPaths Paths { get; }
    protected abstract bool RequirePkce { get; }
    protected abstract TimeSpan AccessTokenLifetime { get; }
    protected abstract string NewAccessToken();
    protected abstract string NewRefreshToken();
    protected abstract string Subject(TestPerson person);

    /// <summary>Whether the code exchange also returns a refresh token.</summary>
    protected abstract bool IssuesRefreshToken(Grant grant);

    /// <summary>The error page when client_id is unknown (the provider does not redirect).</summary>
    protected abstract Task UnknownClientPageAsync(HttpContext ctx);

    /// <summary>The token endpoint's error for a redirect_uri that differs from the authorize one.</summary>
    protected virtual JsonObject RedirectMismatchError => Error("invalid_grant", "redirect_uri does not match the authorization request.");

    /// <summary>The token endpoint's 401 body for failed client authentication.</summary>
    protected virtual JsonObject InvalidClientError => new() { ["error"] = "invalid_client" };

    /// <summary>The userinfo endpoint's 401 body.</summary>
    protected virtual JsonObject InvalidTokenError => Error("invalid_token", "The access token is invalid or expired.");

    /// <summary>The scope string of a token response.</summary>
    protected virtual string ScopeString(IEnumerable<string> scopes) => string.Join(' ', scopes);

    /// <summary>Whether each refresh returns a new refresh_token and retires the old one.</summary>
    protected virtual bool RotatesRefreshTokens => false;

    /// <summary>prompt=login asks for the password again (max_age is handled by the consent step).</summary>
    protected override bool ForcesLogin(PendingAuthorization request) =>
        request.Extra.GetValueOrDefault("prompt", "").Split(' ').Contains("login");

    /// <summary>Whether the secret sent authenticates the client (by default: equals its secret; Apple: a JWT signed with its key).</summary>
    protected virtual bool ClientAuthenticates(EmulatorClient client, string? secret) => SecretEquals(secret, client.ClientSecret);

    /// <summary>Changes the discovery document before it is sent (Apple: no userinfo endpoint, form_post).</summary>
    protected virtual void AdjustDiscovery(JsonObject document) { }

    /// <summary>Whether the token response carries an id_token (by default: with the openid scope; Apple: always).</summary>
    protected virtual bool IssuesIdToken(Grant grant) => grant.HasScope("openid");

    /// <summary>Extra id_token claims (Google's azp).</summary>
    protected virtual void AddIdTokenClaims(Grant grant, JsonObject claims) { }

    protected override bool SignsIdTokens => true;

    public override ProviderEndpoints Endpoints => new(
        AuthorizationEndpoint: Root + Paths.Authorize,
        TokenEndpoint: Root + Paths.Token,
        UserInfoEndpoint: Root + Paths.UserInfo,
        Issuer: Root,
        JwksUri: Root + Paths.Jwks,
        RevocationEndpoint: Root + Paths.Revoke,
        DiscoveryEndpoint: Root + "/.well-known/openid-configuration");

    protected override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        Route(routes, "GET", "/.well-known/openid-configuration", EmulatorEndpoint.Discovery, DiscoveryAsync);
        Route(routes, "GET", Paths.Jwks, EmulatorEndpoint.Jwks, ctx => Reply.JsonAsync(ctx, 200, Keys!.Jwks()));
        Route(routes, "GET,POST", Paths.Authorize, EmulatorEndpoint.Authorize, AuthorizeAsync);
        Route(routes, "POST", Paths.Token, EmulatorEndpoint.Token, TokenAsync);
        Route(routes, "GET,POST", Paths.UserInfo, EmulatorEndpoint.UserInfo, UserInfoAsync);
        Route(routes, "POST", Paths.Revoke, EmulatorEndpoint.Revoke, RevokeAsync);
    }

    /// <summary>Only the items the request asked for can be declined.</summary>
    protected override IEnumerable<string> ConsentItems(PendingAuthorization request) => Items.Where(request.Scopes.Contains);

    protected override IEnumerable<(string Name, string? Value)> CancelParameters(PendingAuthorization request) =>
        [("error", "access_denied"), ("state", request.State)];

    /// <summary>Maps a requested scope to its short name, or null when unsupported.</summary>
    protected virtual string? NormalizeScope(string scope) => scope is "openid" or "email" or "profile" or "offline_access" ? scope : null;

    private async Task AuthorizeAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        if (FindClient(p.Get("client_id")) is not { } client)
        {
            await UnknownClientPageAsync(ctx);
            return;
        }
        var redirectUri = p.Get("redirect_uri");
        if (!IsAllowedRedirect(redirectUri))
        {
            await ErrorPageAsync(ctx, 400, "Error 400: redirect_uri_mismatch", "The redirect URI in the request does not match the ones authorized for the OAuth client.");
            return;
        }
        var state = p.Get("state");
        if (TryAuthorizeFault(ctx, redirectUri!, state)) return;

        string? problem = null, error = "invalid_request";
        var requested = (p.Get("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var scopes = requested.Select(NormalizeScope).ToList();
        var challenge = p.Get("code_challenge");
        if (p.Get("response_type") != "code") (error, problem) = ("unsupported_response_type", "response_type must be code");
        else if (requested.Length == 0) problem = "Missing required parameter: scope";
        else if (scopes.Contains(null)) (error, problem) = ("invalid_scope", "Some requested scopes were invalid.");
        else if (challenge is not null && p.Get("code_challenge_method") != "S256") problem = "code_challenge_method must be S256";
        else if (challenge is null && RequirePkce) problem = "Missing required parameter: code_challenge";
        if (problem is not null)
        {
            RedirectBack(ctx, redirectUri!, ("error", error), ("error_description", problem), ("state", state));
            return;
        }

        var prompt = p.Get("prompt") ?? "";
        var extra = new Dictionary<string, string> { ["prompt"] = prompt };
        if (p.Get("access_type") is { } accessType) extra["access_type"] = accessType;
        if (p.Get("max_age") is { } maxAge) extra["max_age"] = maxAge;
        var request = NewRequest(client, redirectUri!, state, [.. scopes.OfType<string>().Distinct()], p.Get("nonce"), challenge, extra);
        if (prompt.Split(' ').Contains("none")) AuthorizeSilently(ctx, request);
        else await ShowConsentAsync(ctx, request);
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        var p = await RequestParams.FormOnlyAsync(ctx);
        var basic = RequestParams.BasicCredentials(ctx);
        var (clientId, secret) = basic ?? (p.Get("client_id") ?? "", p.Get("client_secret") ?? "");
        if (FindClient(clientId) is not { } client || !ClientAuthenticates(client, secret))
        {
            if (basic is not null) ctx.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Id}\"";
            await Reply.JsonAsync(ctx, 401, InvalidClientError);
            return;
        }

        switch (p.Get("grant_type"))
        {
            case "authorization_code":
                var code = Store.TakeCode(Id, p.Get("code"));
                if (code is null || code.Grant.Client.ClientId != client.ClientId)
                {
                    await Reply.JsonAsync(ctx, 400, Error("invalid_grant", "Bad Request"));
                    return;
                }
                var grant = code.Grant;
                if (p.Get("redirect_uri") != grant.Request.RedirectUri)
                {
                    await Reply.JsonAsync(ctx, 400, RedirectMismatchError);
                    return;
                }
                if (!PkceMatches(grant.Request.CodeChallenge, p.Get("code_verifier")))
                {
                    await Reply.JsonAsync(ctx, 400, Error("invalid_grant", grant.Request.CodeChallenge is null ? "Unexpected code_verifier." : "Invalid code verifier."));
                    return;
                }
                await Reply.JsonAsync(ctx, 200, TokenResponse(grant, IssuesRefreshToken(grant) ? Store.IssueRefresh(NewRefreshToken(), grant, null).Value : null));
                return;

            case "refresh_token":
                var refresh = Store.FindRefresh(Id, client.ClientId, p.Get("refresh_token"));
                if (refresh is null)
                {
                    await Reply.JsonAsync(ctx, 400, Error("invalid_grant", "Token has been expired or revoked."));
                    return;
                }
                string? rotated = null;
                if (RotatesRefreshTokens)
                {
                    refresh.Revoke();
                    rotated = Store.IssueRefresh(NewRefreshToken(), refresh.Grant, null).Value;
                }
                await Reply.JsonAsync(ctx, 200, TokenResponse(refresh.Grant, rotated));
                return;

            default:
                await Reply.JsonAsync(ctx, 400, Error("unsupported_grant_type", "Invalid grant_type: " + p.Get("grant_type")));
                return;
        }
    }

    private JsonObject TokenResponse(Grant grant, string? refreshToken)
    {
        var access = Store.IssueAccess(NewAccessToken(), grant, AccessTokenLifetime);
        var body = new JsonObject
        {
            ["access_token"] = access.Value,
            ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
        };
        if (refreshToken is not null) body["refresh_token"] = refreshToken;
        body["scope"] = ScopeString(grant.Request.Scopes.Where(grant.Shares));
        body["token_type"] = "Bearer";
        if (IssuesIdToken(grant))
        {
            var claims = UserClaims(grant);
            claims.Remove("sub");
            claims["at_hash"] = Jws.AccessTokenHash(access.Value);
            AddIdTokenClaims(grant, claims);
            body["id_token"] = CreateIdToken(grant, Subject(grant.Person), claims);
        }
        return body;
    }

    private async Task UserInfoAsync(HttpContext ctx)
    {
        var (status, token) = Store.FindAccess(Id, RequestParams.Token(RequestParams.Authorization(ctx), "Bearer"));
        if (status != TokenStatus.Valid)
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Reply.JsonAsync(ctx, 401, InvalidTokenError);
            return;
        }
        await Reply.JsonAsync(ctx, 200, UserClaims(token!.Grant));
    }

    private async Task RevokeAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        var token = Store.FindAnyToken(Id, p.Get("token"));
        if (token is null)
        {
            await Reply.JsonAsync(ctx, 400, Error("invalid_token", "Token expired or revoked"));
            return;
        }
        token.Grant.Revoke();
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    private Task DiscoveryAsync(HttpContext ctx)
    {
        var document = DiscoveryDocument(
            scopes: ["openid", "email", "profile"],
            authMethods: ["client_secret_post", "client_secret_basic"],
            claims: ["aud", "email", "email_verified", "exp", "family_name", "given_name", "iat", "iss", "name", "nonce", "picture", "sub", "auth_time"]);
        AdjustDiscovery(document);
        return Reply.JsonAsync(ctx, 200, document);
    }

    /// <summary>Standard claims released for the grant's agreed scopes.</summary>
    private JsonObject UserClaims(Grant grant)
    {
        var person = grant.Person;
        var claims = new JsonObject { ["sub"] = Subject(person) };
        if (grant.HasScope("email") && grant.Shares("email") && person.Email is not null)
        {
            claims["email"] = person.Email;
            claims["email_verified"] = person.EmailVerified;
        }
        if (grant.HasScope("profile") && grant.Shares("profile"))
        {
            claims["name"] = person.Name;
            if (person.GivenName is not null) claims["given_name"] = person.GivenName;
            if (person.FamilyName is not null) claims["family_name"] = person.FamilyName;
            if (Context.PictureOf(person) is { } picture) claims["picture"] = picture;
        }
        return claims;
    }

    protected static JsonObject Error(string error, string description) =>
        new() { ["error"] = error, ["error_description"] = description };
}
