using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Daemun.RelyingParty;

/// <summary>
/// A small web app that signs people in through Daemun with ASP.NET Core's own OpenID Connect handler, as a .NET developer would write it:
/// a cookie session, the authorization code flow with PKCE, the userinfo claims, RP-initiated logout, and an API of its own protected by
/// JwtBearer that accepts Daemun's access tokens. It listens on 127.0.0.1 only, on a free port.
/// </summary>
public sealed class RelyingPartyApp : IAsyncDisposable
{
    /// <summary>The JwtBearer scheme of the app's API.</summary>
    public const string ApiScheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Authorization request parameters that <c>/login</c> passes from its query to Daemun: Daemun's <c>provider</c> and the
    /// standard ones a test varies.</summary>
    private static readonly string[] PassThrough = ["provider", "prompt", "max_age", "login_hint", "ui_locales"];

    private readonly WebApplication _app;

    private RelyingPartyApp(WebApplication app, RelyingPartyOptions options)
    {
        _app = app;
        Options = options;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>The app's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The options the app runs with (<see cref="RelyingPartyOptions.Authority"/> may still be set until the first request).</summary>
    public RelyingPartyOptions Options { get; }

    /// <summary>Where Daemun sends the code back (a client's redirect URI).</summary>
    public string RedirectUri => BaseUrl + "/signin-oidc";

    /// <summary>Where Daemun sends the browser after signing out (a client's post-logout redirect URI).</summary>
    public string PostLogoutRedirectUri => BaseUrl + "/signout-callback-oidc";

    /// <summary>Builds and starts the app on <c>http://127.0.0.1:0</c>.</summary>
    public static async Task<RelyingPartyApp> StartAsync(RelyingPartyOptions options, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(RelyingPartyApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
        }
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddHttpClient();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "rp.session"; // Daemun's cookies live on the same host (127.0.0.1), on another port
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            })
            .AddOpenIdConnect(oidc => ConfigureOpenIdConnect(oidc, options))
            .AddJwtBearer(ApiScheme, jwt => ConfigureApi(jwt, options));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        MapEndpoints(app);
        await app.StartAsync();
        return new RelyingPartyApp(app, options);
    }

    /// <summary>Sign-in through Daemun. Runs on the app's first request, so <see cref="RelyingPartyOptions.Authority"/> is read then.</summary>
    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, RelyingPartyOptions options)
    {
        oidc.Authority = options.Authority ?? throw new InvalidOperationException("RelyingPartyOptions.Authority is not set");
        oidc.RequireHttpsMetadata = false; // Daemun runs on http loopback in Development
        oidc.ClientId = options.ClientId;
        oidc.ClientSecret = options.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.ResponseMode = options.ResponseMode;
        oidc.UsePkce = true;
        oidc.SaveTokens = true;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.MapInboundClaims = false;
        oidc.CallbackPath = "/signin-oidc";
        oidc.SignedOutCallbackPath = "/signout-callback-oidc";
        oidc.Scope.Clear();
        foreach (var scope in options.Scopes) oidc.Scope.Add(scope);
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.TokenValidationParameters.LifetimeValidator = ClockLifetimeValidator.For(options.TimeProvider);
        oidc.ClaimActions.MapUniqueJsonKey("picture", "picture");
        oidc.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        oidc.ClaimActions.Add(new DistinctArrayClaimAction("providers"));
        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax; // Daemun and the app are one site (127.0.0.1): its form_post back is same-site
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        oidc.CorrelationCookie.Name = "rp.correlation.";
        oidc.NonceCookie.Name = "rp.nonce.";
        oidc.Events.OnRemoteFailure = context =>
        {
            // Daemun answered with an OAuth error (the person said no, login_required, …): the app's error page instead of an exception
            context.Response.Redirect("/error?message=" + Uri.EscapeDataString(context.Failure?.Message ?? "sign-in failed"));
            context.HandleResponse();
            return Task.CompletedTask;
        };
        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            foreach (var name in PassThrough)
            {
                if (context.Properties.Items.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)) context.ProtocolMessage.SetParameter(name, value);
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>The app's API accepts Daemun's access tokens for its audience, signed by a key in Daemun's JWKS, not expired.</summary>
    private static void ConfigureApi(JwtBearerOptions jwt, RelyingPartyOptions options)
    {
        jwt.Authority = options.Authority ?? throw new InvalidOperationException("RelyingPartyOptions.Authority is not set");
        jwt.Audience = options.ApiAudience;
        jwt.RequireHttpsMetadata = false;
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters.LifetimeValidator = ClockLifetimeValidator.For(options.TimeProvider);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/", (ClaimsPrincipal user) => Pages.Home(user));
        app.MapGet("/me", (ClaimsPrincipal user) => Pages.Me(user)).RequireAuthorization();
        app.MapGet("/error", (string? message) => Pages.Error(message));
        app.MapGet("/login", (HttpContext http) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = "/me" };
            foreach (var name in PassThrough)
            {
                if (http.Request.Query[name] is { Count: > 0 } value) properties.Items[name] = value.ToString();
            }
            return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        });
        app.MapPost("/logout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/call-api", CallApiAsync).RequireAuthorization();
        var api = new AuthorizationPolicyBuilder(ApiScheme).RequireAuthenticatedUser().Build();
        app.MapGet("/api/profile", (ClaimsPrincipal user) => Results.Json(new
        {
            sub = user.FindFirstValue("sub"),
            scope = string.Join(' ', user.FindAll("scope").Select(c => c.Value)),
            aud = user.FindAll("aud").Select(c => c.Value).ToArray(),
            exp = user.FindFirstValue("exp"),
        })).RequireAuthorization(api);
    }

    /// <summary>The app calling its own API over HTTP with the access token Daemun gave it at sign-in.</summary>
    private static async Task<IResult> CallApiAsync(HttpContext http, IHttpClientFactory clients)
    {
        var token = await http.GetTokenAsync("access_token");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{http.Request.Scheme}://{http.Request.Host}/api/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await clients.CreateClient().SendAsync(request, http.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(http.RequestAborted);
        return Pages.ApiResult((int)response.StatusCode, body, response.Headers.WwwAuthenticate.ToString());
    }

    /// <summary>Stops the app.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
