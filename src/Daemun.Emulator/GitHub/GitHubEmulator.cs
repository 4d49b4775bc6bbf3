using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>GitHub OAuth apps: form-encoded token answers unless Accept: application/json, errors with HTTP 200, /user and /user/emails.</summary>
internal sealed class GitHubEmulator(EmulatorContext context)
    : ProviderBase(context, new EmulatorClient("github", "emulator-github-client", "emulator-github-secret", SecretRequired: true))
{
    private const string TroubleshootingToken = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/";
    private const string TroubleshootingAuthorize = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/";
    private const string JsonType = "application/json; charset=utf-8";

    public override string Id => "github";
    public override Brand Brand { get; } = new("GitHub", "#24292f", "#ffffff");

    public override ProviderEndpoints Endpoints => new(
        AuthorizationEndpoint: Root + "/login/oauth/authorize",
        TokenEndpoint: Root + "/login/oauth/access_token",
        UserInfoEndpoint: Root + "/api/user",
        EmailsEndpoint: Root + "/api/user/emails");

    protected override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        Route(routes, "GET", "/login/oauth/authorize", EmulatorEndpoint.Authorize, AuthorizeAsync);
        Route(routes, "POST", "/login/oauth/access_token", EmulatorEndpoint.Token, TokenAsync);
        Route(routes, "GET", "/api/user", EmulatorEndpoint.UserInfo, UserAsync);
        Route(routes, "GET", "/api/user/emails", EmulatorEndpoint.Emails, EmailsAsync);
    }

    /// <summary>user:email can be declined when the app asked for it (or for the broader "user").</summary>
    protected override IEnumerable<string> ConsentItems(PendingAuthorization request) =>
        CanReadEmails(request.Scopes) ? ["user:email"] : [];

    protected override IEnumerable<(string Name, string? Value)> CancelParameters(PendingAuthorization request) =>
    [
        ("error", "access_denied"), ("error_description", "The user has denied your application access."),
        ("error_uri", TroubleshootingAuthorize + "#access-denied"), ("state", request.State),
    ];

    protected override string NewCode() => Tokens.Hex(10);

    private async Task AuthorizeAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        if (FindClient(p.Get("client_id")) is not { } client)
        {
            await ErrorPageAsync(ctx, 404, "404 — Not Found", "No OAuth application is registered with this client_id.");
            return;
        }
        var redirectUri = p.Get("redirect_uri");
        if (!IsAllowedRedirect(redirectUri))
        {
            await ErrorPageAsync(ctx, 400, "Redirect URI mismatch", "The redirect_uri is not associated with this application. (The emulator requires an explicit redirect_uri.)");
            return;
        }
        var state = p.Get("state");
        if (TryAuthorizeFault(ctx, redirectUri!, state)) return;
        var challenge = p.Get("code_challenge");
        if (challenge is not null && p.Get("code_challenge_method") != "S256")
        {
            RedirectBack(ctx, redirectUri!, ("error", "invalid_request"), ("error_description", "code_challenge_method must be S256."), ("state", state));
            return;
        }
        var scopes = (p.Get("scope") ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        await ShowConsentAsync(ctx, NewRequest(client, redirectUri!, state, scopes, codeChallenge: challenge));
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        var p = await RequestParams.QueryAndFormAsync(ctx);
        var (clientId, secret) = RequestParams.BasicCredentials(ctx) ?? (p.Get("client_id") ?? "", p.Get("client_secret") ?? "");
        if (FindClient(clientId) is not { } client || !SecretEquals(secret, client.ClientSecret))
        {
            await TokenErrorAsync(ctx, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.", "#incorrect-client-credentials");
            return;
        }
        var code = Store.TakeCode(Id, p.Get("code"));
        if (code is null || code.Grant.Client.ClientId != client.ClientId)
        {
            await TokenErrorAsync(ctx, "bad_verification_code", "The code passed is incorrect or expired.", "#bad-verification-code");
            return;
        }
        var grant = code.Grant;
        if (p.Get("redirect_uri") is { } redirectUri && redirectUri != grant.Request.RedirectUri)
        {
            await TokenErrorAsync(ctx, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.", "#redirect-uri-mismatch2");
            return;
        }
        // GitHub checks the verifier only when the authorize request carried a challenge.
        if (grant.Request.CodeChallenge is not null && !PkceMatches(grant.Request.CodeChallenge, p.Get("code_verifier")))
        {
            await TokenErrorAsync(ctx, "bad_verification_code", "The code passed is incorrect or expired.", "#bad-verification-code");
            return;
        }
        var token = Store.IssueAccess("gho_" + Tokens.Alnum(36), grant, lifetime: null);
        await TokenReplyAsync(ctx, [("access_token", token.Value), ("token_type", "bearer"), ("scope", GrantedScopes(grant))]);
    }

    private async Task UserAsync(HttpContext ctx)
    {
        if (await AuthenticateAsync(ctx) is not { } token) return;
        var person = token.Grant.Person;
        var login = person.GitHubLogin;
        var timestamp = new DateTime(2015, 3, 1, 9, 30, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await Reply.JsonAsync(ctx, 200, new JsonObject
        {
            ["login"] = login, ["id"] = person.GitHubId, ["node_id"] = "U_kgDO" + person.GitHubId.ToString(CultureInfo.InvariantCulture),
            ["avatar_url"] = Context.PictureOf(person) ?? $"https://avatars.githubusercontent.com/u/{person.GitHubId}?v=4",
            ["gravatar_id"] = "", ["url"] = Root + "/api/users/" + login, ["html_url"] = "https://github.com/" + login,
            ["type"] = "User", ["site_admin"] = false, ["name"] = person.Name, ["company"] = null, ["blog"] = "",
            ["location"] = null, ["email"] = person.GitHubEmailPublic ? person.Email : null, ["hireable"] = null,
            ["bio"] = null, ["twitter_username"] = null, ["public_repos"] = 0, ["public_gists"] = 0,
            ["followers"] = 0, ["following"] = 0, ["created_at"] = timestamp, ["updated_at"] = timestamp,
        }, JsonType);
    }

    private async Task EmailsAsync(HttpContext ctx)
    {
        if (await AuthenticateAsync(ctx) is not { } token) return;
        var grant = token.Grant;
        if (!CanReadEmails(grant.Request.Scopes) || !grant.Shares("user:email"))
        {
            await Reply.JsonAsync(ctx, 404, new JsonObject
            {
                ["message"] = "Not Found",
                ["documentation_url"] = "https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user",
                ["status"] = "404",
            }, JsonType);
            return;
        }
        var person = grant.Person;
        var emails = new JsonArray();
        if (person.Email is not null)
            emails.Add(new JsonObject
            {
                ["email"] = person.Email, ["primary"] = true, ["verified"] = person.EmailVerified,
                ["visibility"] = person.GitHubEmailPublic ? "public" : "private",
            });
        await Reply.JsonAsync(ctx, 200, emails, JsonType);
    }

    /// <summary>The live token of an "Authorization: Bearer|token" header, or null after writing GitHub's 401/403.</summary>
    private async Task<IssuedToken?> AuthenticateAsync(HttpContext ctx)
    {
        if (string.IsNullOrEmpty(ctx.Request.Headers.UserAgent))
        {
            await Reply.RawAsync(ctx, 403, "text/plain; charset=utf-8",
                "Request forbidden by administrative rules. Please make sure your request has a User-Agent header " +
                "(https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). " +
                "Check https://developer.github.com for other possible causes.\n");
            return null;
        }
        var value = RequestParams.Token(RequestParams.Authorization(ctx), "Bearer", "token");
        var (status, token) = Store.FindAccess(Id, value);
        if (status == TokenStatus.Valid)
        {
            ctx.Response.Headers["X-OAuth-Scopes"] = GrantedScopes(token!.Grant).Replace(",", ", ", StringComparison.Ordinal);
            return token;
        }
        await Reply.JsonAsync(ctx, 401, new JsonObject
        {
            ["message"] = value is null ? "Requires authentication" : "Bad credentials",
            ["documentation_url"] = "https://docs.github.com/rest",
            ["status"] = "401",
        }, JsonType);
        return null;
    }

    private static bool CanReadEmails(IEnumerable<string> scopes) => scopes.Any(s => s is "user:email" or "user");

    /// <summary>Requested scopes minus a declined user:email, comma-separated as GitHub writes them.</summary>
    private static string GrantedScopes(Grant grant) =>
        string.Join(',', grant.Request.Scopes.Where(s => s != "user:email" || grant.Shares("user:email")));

    private static Task TokenErrorAsync(HttpContext ctx, string error, string description, string anchor) =>
        TokenReplyAsync(ctx, [("error", error), ("error_description", description), ("error_uri", TroubleshootingToken + anchor)]);

    /// <summary>HTTP 200 always; JSON when the client asks for it, form-encoded otherwise.</summary>
    private static Task TokenReplyAsync(HttpContext ctx, (string Name, string Value)[] fields)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        if (accept.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var json = new JsonObject();
            foreach (var (name, value) in fields) json[name] = value;
            return Reply.JsonAsync(ctx, 200, json, JsonType);
        }
        return Reply.RawAsync(ctx, 200, "application/x-www-form-urlencoded; charset=utf-8", Reply.FormBody(fields.Select(f => (f.Name, (string?)f.Value))));
    }
}
