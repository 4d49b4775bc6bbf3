using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Daemun.Emulator.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>One OAuth 1.0a provider (RFC 5849) served from its recorded <see cref="ResponseShape"/>: temporary credentials for a signed request
/// with an acceptable <c>oauth_callback</c>, the consent page, a verifier on the callback, token credentials (with the documented token
/// answer's other members) for the verifier, and the documented profile for a request signed with them. Every request's signature, nonce
/// and timestamp are verified (<see cref="OAuth1Verifier"/>); a refusal is a 400/401 with <c>oauth_problem</c>.</summary>
internal sealed class OAuth1Emulator
{
    private readonly EmulatorContext _context;
    private readonly ResponseShape _shape;
    private readonly OAuth1Emulators _owner;
    private readonly ConcurrentDictionary<string, Temporary> _temporary = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (PendingAuthorization Request, string Token)> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Secret, TestPerson Person)> _tokens = new(StringComparer.Ordinal);
    private readonly Lazy<OAuth1Verifier> _verifier;

    public OAuth1Emulator(EmulatorContext context, OAuth1Emulators owner, ResponseShape shape)
    {
        (_context, _owner, _shape) = (context, owner, shape);
        _verifier = new(() => new OAuth1Verifier(Client, () => _context.Now));
    }

    public string Id => _shape.Provider;

    /// <summary>The consumer registered here: <see cref="EmulatorOptions.Clients"/>' entry for this id, else emulator-{id}-client/-secret.</summary>
    public EmulatorClient Client => _context.Options.Clients.TryGetValue(Id, out var own) ? own : new(Id, $"emulator-{Id}-client", $"emulator-{Id}-secret", true);

    private string Root => $"{_context.BaseAddress}/{Id}/oauth1";

    public OAuth1Endpoints Endpoints => new($"{Root}/request_token", $"{Root}/authorize", $"{Root}/access_token", $"{Root}/profile");

    private Brand Brand => new(Id, "#1F1F1F", "#FFFFFF");

    public void Map(IEndpointRouteBuilder routes)
    {
        Route(routes, "POST,GET", "/request_token", EmulatorEndpoint.RequestToken, RequestTokenAsync);
        Route(routes, "GET", "/authorize", EmulatorEndpoint.Authorize, AuthorizeAsync);
        Route(routes, "POST", "/consent", EmulatorEndpoint.Consent, ConsentAsync);
        Route(routes, "POST,GET", "/access_token", EmulatorEndpoint.Token, AccessTokenAsync);
        Route(routes, "GET,POST", "/profile", EmulatorEndpoint.UserInfo, ProfileAsync);
    }

    private void Route(IEndpointRouteBuilder routes, string methods, string path, EmulatorEndpoint endpoint, RequestDelegate handler) =>
        routes.MapMethods($"/{Id}/oauth1{path}", methods.Split(','), handler).WithMetadata(new EmulatorRoute(Id, endpoint));

    public string? TemporarySecretOf(string token) => _temporary.TryGetValue(token, out var t) ? t.Secret : null;

    /// <summary>§2.1: signed with the client credentials only; <c>oauth_callback</c> must be a registered address (or <c>oob</c>).</summary>
    private async Task RequestTokenAsync(HttpContext ctx)
    {
        var (parameters, problem) = await _verifier.Value.VerifyAsync(ctx, tokenRequired: false, _ => (null, OAuth1Problem.Rejected("oauth_token")));
        if (problem is not null || parameters is null)
        {
            await RefuseAsync(ctx, problem!);
            return;
        }
        if (!parameters.TryGetValue("oauth_callback", out var callback))
        {
            await RefuseAsync(ctx, OAuth1Problem.Absent("oauth_callback"));
            return;
        }
        if (callback != "oob" && !IsAllowedCallback(callback))
        {
            await RefuseAsync(ctx, OAuth1Problem.Rejected("oauth_callback"));
            return;
        }
        var temporary = new Temporary(Tokens.Alnum(24), Tokens.Alnum(32), callback, _context.Now);
        _temporary[temporary.Token] = temporary;
        var body = Reply.FormBody(("oauth_token", temporary.Token), ("oauth_token_secret", temporary.Secret),
            ("oauth_callback_confirmed", _owner.ConfirmsCallback ? "true" : null));
        await Reply.RawAsync(ctx, 200, "application/x-www-form-urlencoded", body);
    }

    /// <summary>§2.2: the consent page for a known, unanswered temporary credential.</summary>
    private Task AuthorizeAsync(HttpContext ctx)
    {
        var token = ctx.Request.Query["oauth_token"].ToString();
        if (!_temporary.TryGetValue(token, out var temporary) || temporary.Person is not null || Expired(temporary))
        {
            return Reply.HtmlAsync(ctx, 400, ConsentPage.Error(Brand, "Invalid request", "This oauth_token is unknown, expired or already answered. Start the sign-in again."));
        }
        var request = new PendingAuthorization(Tokens.Url(16), Id, Client, temporary.Callback, null, [], null, null, _context.Now);
        _pending[request.Id] = (request, token);
        ctx.Response.Headers.CacheControl = "no-store";
        return Reply.HtmlAsync(ctx, 200, ConsentPage.Render(Brand, $"{Id}/oauth1", request, _context.People.Snapshot(), []));
    }

    /// <summary>Allow: back to the callback with <c>oauth_token</c> and a fresh <c>oauth_verifier</c>; cancel: with <c>denied</c>.</summary>
    private async Task ConsentAsync(HttpContext ctx)
    {
        var form = await RequestParams.FormAsync(ctx);
        if (!_pending.TryRemove(form["request_id"].ToString(), out var pending) || !_temporary.TryGetValue(pending.Token, out var temporary))
        {
            await Reply.HtmlAsync(ctx, 400, ConsentPage.Error(Brand, "Invalid request", "This sign-in request is unknown or already answered."));
            return;
        }
        if (form["decision"] == "cancel")
        {
            _temporary.TryRemove(pending.Token, out _);
            Reply.Redirect(ctx, Reply.WithQuery(temporary.Callback, ("denied", pending.Token)));
            return;
        }
        if (_context.People.Find(form["person"].ToString()) is not { } person)
        {
            await Reply.HtmlAsync(ctx, 400, ConsentPage.Error(Brand, "Invalid request", "Choose one of the listed test people."));
            return;
        }
        var answered = temporary with { Person = person, Verifier = Tokens.Alnum(20) };
        _temporary[pending.Token] = answered;
        Reply.Redirect(ctx, Reply.WithQuery(temporary.Callback, ("oauth_token", pending.Token), ("oauth_verifier", answered.Verifier)));
    }

    /// <summary>§2.3: signed with the temporary credentials, which are used up by this request; the verifier must be theirs.</summary>
    private async Task AccessTokenAsync(HttpContext ctx)
    {
        Temporary? used = null;
        var (parameters, problem) = await _verifier.Value.VerifyAsync(ctx, tokenRequired: true, token =>
        {
            if (!_temporary.TryGetValue(token, out var temporary)) return (null, OAuth1Problem.TokenRejected);
            if (temporary.Exchanged) return (null, OAuth1Problem.TokenUsed);
            if (Expired(temporary)) return (null, OAuth1Problem.TokenExpired);
            used = temporary;
            return (temporary.Secret, null);
        });
        if (problem is not null || parameters is null || used is null)
        {
            await RefuseAsync(ctx, problem ?? OAuth1Problem.TokenRejected);
            return;
        }
        _temporary[used.Token] = used with { Exchanged = true }; // RFC 5849 §2: temporary credentials are used once, whatever the outcome
        if (!parameters.TryGetValue("oauth_verifier", out var verifier))
        {
            await RefuseAsync(ctx, OAuth1Problem.Absent("oauth_verifier"));
            return;
        }
        if (used.Person is not { } person || used.Verifier is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(verifier), Encoding.UTF8.GetBytes(used.Verifier)))
        {
            await RefuseAsync(ctx, OAuth1Problem.VerifierRejected);
            return;
        }
        var (token, secret) = (Tokens.Alnum(32), Tokens.Alnum(40));
        _tokens[token] = (secret, person);
        var members = new List<(string, string?)> { ("oauth_token", token), ("oauth_token_secret", secret) };
        foreach (var (name, value) in _shape.Token)
        {
            if (name is not "oauth_token" and not "oauth_token_secret") members.Add((name, value is JsonValue v ? v.ToString() : value?.ToJsonString()));
        }
        await Reply.RawAsync(ctx, 200, "application/x-www-form-urlencoded", Reply.FormBody(members));
    }

    /// <summary>The recorded profile for a request signed with token credentials issued here.</summary>
    private async Task ProfileAsync(HttpContext ctx)
    {
        var (parameters, problem) = await _verifier.Value.VerifyAsync(ctx, tokenRequired: true,
            token => _tokens.TryGetValue(token, out var issued) ? (issued.Secret, null) : (null, OAuth1Problem.TokenRejected));
        if (problem is not null || parameters is null)
        {
            await RefuseAsync(ctx, problem!);
            return;
        }
        await Reply.JsonAsync(ctx, 200, _shape.Profile ?? new JsonObject());
    }

    /// <summary>The OAuth Problem Reporting answer: the status, <c>WWW-Authenticate: OAuth realm=…</c>, and a form body with <c>oauth_problem</c>.</summary>
    private Task RefuseAsync(HttpContext ctx, OAuth1Problem problem)
    {
        ctx.Response.Headers.WWWAuthenticate = $"OAuth realm=\"{Root}\"";
        var detail = problem.Parameter is null ? null : problem.Problem == "parameter_absent" ? "oauth_parameters_absent" : "oauth_parameters_rejected";
        var body = problem.Problem == "timestamp_refused"
            ? Reply.FormBody(("oauth_problem", problem.Problem), ("oauth_acceptable_timestamps", AcceptableTimestamps()))
            : Reply.FormBody(("oauth_problem", problem.Problem), (detail ?? "", detail is null ? null : problem.Parameter));
        return Reply.RawAsync(ctx, problem.Status, "application/x-www-form-urlencoded", body);
    }

    private string AcceptableTimestamps()
    {
        var now = _context.Now;
        return $"{(now - OAuth1Verifier.TimestampWindow).ToUnixTimeSeconds()}-{(now + OAuth1Verifier.TimestampWindow).ToUnixTimeSeconds()}";
    }

    private bool Expired(Temporary temporary) => _context.Now - temporary.IssuedAt > _context.Options.CodeLifetime;

    private bool IsAllowedCallback(string callback) =>
        Uri.TryCreate(callback, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment)
        && _context.Options.AllowedRedirectUriPrefixes.Any(p => callback.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Temporary credentials: issued, then answered on the consent page (person and verifier), then exchanged once.</summary>
    private sealed record Temporary(string Token, string Secret, string Callback, DateTimeOffset IssuedAt)
    {
        public TestPerson? Person { get; init; }
        public string? Verifier { get; init; }
        public bool Exchanged { get; init; }
    }
}
