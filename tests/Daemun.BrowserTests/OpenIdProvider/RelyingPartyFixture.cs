using Daemun.RelyingParty;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.BrowserTests.OpenIdProvider;

/// <summary>
/// One Daemun site with the OpenID Provider configured by settings only, and three relying parties on ASP.NET Core's own handlers:
/// <see cref="FirstParty"/> (confidential, no consent page), <see cref="PublicApp"/> (a public client: PKCE, no secret) and
/// <see cref="ThirdParty"/> (Daemun asks the person first); and a <c>machine</c> client. The apps start first — their
/// URLs go into Daemun's client configuration — and learn Daemun's URL (their authority) before their first request.
/// All three share one clock, <see cref="Clock"/>, so a test can let a token expire for the app as it does for Daemun.
/// </summary>
public sealed class RelyingPartyFixture : IAsyncLifetime
{
    // no colon: a configuration key cannot hold one (Daemun:OpenIdProvider:ApiScopes:rp:read:Audience would be the scope "rp")
    public const string ApiScope = "rp.read";
    public const string ApiAudience = "rp-api";
    public const string ThirdPartyName = "Hangang Photo Club";

    private static readonly string[] Scopes = ["openid", "profile", "email", "offline_access", "providers", ApiScope];

    /// <summary>A <c>machine</c> client (client credentials) that may ask for the app's API scope and for Daemun's own <c>daemun:read</c>.</summary>
    public const string MachineClientId = "rp-batch";

    public string MachineClientSecret { get; } = Secret(MachineClientId);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>What the apps logged (the site's own log is <c>Site.Logs</c>).</summary>
    public LogSink AppLogs { get; } = new();

    public TestSite Site { get; private set; } = null!;
    public RelyingPartyApp FirstParty { get; private set; } = null!;
    public RelyingPartyApp ThirdParty { get; private set; } = null!;
    public RelyingPartyApp PublicApp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // the first-party apps have the code sent back by redirect, so a test sees every page Daemun shows on the way; the third-party
        // app keeps the handler's default, form_post
        FirstParty = await StartAppAsync("rp-web", "query", confidential: true);
        PublicApp = await StartAppAsync("rp-spa", "query", confidential: false);
        ThirdParty = await StartAppAsync("rp-gallery", "form_post", confidential: true);
        var settings = new Dictionary<string, string?>
        {
            [$"Daemun:OpenIdProvider:ApiScopes:{ApiScope}:Audience"] = ApiAudience,
        };
        Register(settings, FirstParty, firstParty: true, "Daemun's own web app");
        Register(settings, PublicApp, firstParty: true, "Daemun's own single-page app");
        Register(settings, ThirdParty, firstParty: false, ThirdPartyName);
        settings[$"Daemun:OpenIdProvider:Clients:{MachineClientId}:Type"] = "machine";
        settings[$"Daemun:OpenIdProvider:Clients:{MachineClientId}:ClientSecret"] = MachineClientSecret;
        settings[$"Daemun:OpenIdProvider:Clients:{MachineClientId}:Scopes:0"] = ApiScope;
        settings[$"Daemun:OpenIdProvider:Clients:{MachineClientId}:Scopes:1"] = "daemun:read";
        Site = await TestSite.StartAsync(settings, clock: Clock);
        FirstParty.Options.Authority = Site.BaseUrl;
        ThirdParty.Options.Authority = Site.BaseUrl;
        PublicApp.Options.Authority = Site.BaseUrl;
    }

    private Task<RelyingPartyApp> StartAppAsync(string clientId, string responseMode, bool confidential) => RelyingPartyApp.StartAsync(new RelyingPartyOptions
    {
        ResponseMode = responseMode,
        ClientId = clientId,
        ClientSecret = confidential ? Secret(clientId) : null,
        Scopes = Scopes,
        ApiAudience = ApiAudience,
        TimeProvider = Clock,
    }, AppLogs);

    /// <summary>The app as an operator registers it in Daemun's configuration: a confidential <c>web</c> client, or a public <c>spa</c> one.</summary>
    private static void Register(Dictionary<string, string?> settings, RelyingPartyApp app, bool firstParty, string displayName)
    {
        var client = $"Daemun:OpenIdProvider:Clients:{app.Options.ClientId}";
        settings[$"{client}:Type"] = app.Options.ClientSecret is null ? "spa" : "web";
        settings[$"{client}:ClientSecret"] = app.Options.ClientSecret;
        settings[$"{client}:RedirectUris:0"] = app.RedirectUri;
        settings[$"{client}:PostLogoutRedirectUris:0"] = app.PostLogoutRedirectUri;
        for (var i = 0; i < Scopes.Length; i++) settings[$"{client}:Scopes:{i}"] = Scopes[i];
        settings[$"{client}:FirstParty"] = firstParty ? "true" : "false";
        settings[$"{client}:DisplayName"] = displayName;
    }

    private static string Secret(string clientId) => $"{clientId}-secret-{Guid.NewGuid():N}";

    public async Task DisposeAsync()
    {
        if (FirstParty is not null) await FirstParty.DisposeAsync();
        if (ThirdParty is not null) await ThirdParty.DisposeAsync();
        if (PublicApp is not null) await PublicApp.DisposeAsync();
        if (Site is not null) await Site.DisposeAsync();
    }
}
