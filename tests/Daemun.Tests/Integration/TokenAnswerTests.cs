using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Providers;
using Daemun.Server;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>What a provider declares about its token answer and profile holds for it only: Qiita's documented 201 answer with <c>token</c> is
/// refused for a provider that declares nothing, as before; NetSuite's profile URL, which only the operator knows, stops start-up naming its
/// key when it is missing; a scope can name the client id. The providers that declare them sign in end to end in
/// <see cref="CatalogSignInTests"/>.</summary>
public sealed class TokenAnswerTests
{
    [Fact]
    public async Task ADocumented201AnswerIsRefusedForAProviderThatDoesNotDeclareIt()
    {
        // a generic OAuth 2.0 provider (RFC 6749: success is 200 with access_token) pointed at the emulator's Qiita with Qiita's JSON request, which answers as Qiita
        // documents: 201 {"client_id","scopes","token"}
        await using var env = await EmulatedSite.StartAsync(e =>
        {
            var qiita = e.AddCatalogProvider(CatalogEmulation.Declaration(Qiita.Defaults(), Qiita.Id));
            return new()
            {
                ["Daemun:Providers:rfc:Type"] = "oauth2",
                ["Daemun:Providers:rfc:TokenRequestFormat"] = "json", // Qiita's documented request, so that only the answer differs
                ["Daemun:Providers:rfc:AuthorizationEndpoint"] = qiita.AuthorizationEndpoint,
                ["Daemun:Providers:rfc:TokenEndpoint"] = qiita.TokenEndpoint,
                ["Daemun:Providers:rfc:UserInfoEndpoint"] = qiita.UserInfoEndpoint,
                ["Daemun:Providers:rfc:ClientId"] = e.Client(Qiita.Id).ClientId,
                ["Daemun:Providers:rfc:ClientSecret"] = e.Client(Qiita.Id).ClientSecret,
                ["Daemun:Providers:rfc:Profile:Id"] = "permanent_id",
            };
        });
        using var browser = env.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "rfc");

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(env.Site, browser, response, ErrorCode.TokenRequestFailed, pending.Secrets);
        Refusal.AssertNothingWritten(env.Site);
        Assert.Contains(env.Site.Logs.Lines, l => l.Contains("TokenRequestFailed: token: HTTP 201", StringComparison.Ordinal));
        Assert.Equal(1, env.Emulator.CountRequests(Qiita.Id, EmulatorEndpoint.Token));
        Assert.Equal(0, env.Emulator.CountRequests(Qiita.Id, EmulatorEndpoint.UserInfo));
    }

    [Fact]
    public async Task InProductionNetSuiteWithoutItsRestletUrlStopsStartUpSayingWhatToPutThere()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var settings = new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "127.0.0.1",
            ["Daemun:Providers:netsuite:Enabled"] = "true",
            ["Daemun:Providers:netsuite:ClientId"] = "netsuite-client",
            ["Daemun:Providers:netsuite:ClientSecret"] = "netsuite-secret",
            ["Daemun:Providers:netsuite:AccountId"] = "1234567",
        };

        var failure = await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(settings, emulator: emulator, builtIns: false, environment: "Production"));

        Assert.Equal("Daemun:Providers:netsuite:UserInfoEndpoint", failure.Key);
        Assert.Contains("RESTlet", failure.Message, StringComparison.Ordinal);
        Assert.Contains("N/runtime.getCurrentUser()", failure.Message, StringComparison.Ordinal);
        Assert.Contains("restlet.nl?script=", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NetSuitesProfileIsTheConfiguredRestlet()
    {
        const string restlet = "https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_me&deploy=customdeploy_me";

        var p = AtTheProvider.Registry(new()
        {
            ["Daemun:Providers:netsuite:ClientId"] = "netsuite-client",
            ["Daemun:Providers:netsuite:ClientSecret"] = "netsuite-secret",
            ["Daemun:Providers:netsuite:AccountId"] = "1234567",
            ["Daemun:Providers:netsuite:UserInfoEndpoint"] = restlet,
        }, daemun => daemun.AddProvider(NetSuite.Id)).Find(NetSuite.Id)!;

        Assert.Equal(restlet, p.UserInfoEndpoint);
        Assert.Equal("https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token", p.TokenEndpoint);
    }

    [Fact]
    public void AScopeNamesTheClientIdOrAParameterAndNothingElse()
    {
        var b2c = AtTheProvider.Registry(new()
        {
            ["Daemun:Providers:azure-ad-b2c:ClientId"] = "90c0fe63-bcf2-44d5-8fb7-b8bbc0b29dc6",
            ["Daemun:Providers:azure-ad-b2c:ClientSecret"] = "b2c-secret",
            ["Daemun:Providers:azure-ad-b2c:TenantName"] = "contoso",
            ["Daemun:Providers:azure-ad-b2c:TenantId"] = "775527ff-9a37-4307-8b3d-cc311f58d925",
            ["Daemun:Providers:azure-ad-b2c:Policy"] = "B2C_1_signupsignin1",
        }, daemun => daemun.AddProvider(AzureAdB2C.Id)).Find(AzureAdB2C.Id)!;
        Assert.Equal(["openid", "offline_access", "90c0fe63-bcf2-44d5-8fb7-b8bbc0b29dc6"], b2c.Scopes);

        var e = Assert.Throws<DaemunConfigurationException>(() => AtTheProvider.Registry(new()
        {
            ["Daemun:Providers:acme:Type"] = "oauth2",
            ["Daemun:Providers:acme:AuthorizationEndpoint"] = "https://acme.example/authorize",
            ["Daemun:Providers:acme:TokenEndpoint"] = "https://acme.example/token",
            ["Daemun:Providers:acme:UserInfoEndpoint"] = "https://acme.example/me",
            ["Daemun:Providers:acme:ClientId"] = "acme-client",
            ["Daemun:Providers:acme:ClientSecret"] = "acme-secret",
            ["Daemun:Providers:acme:Scope"] = "profile {Tenant}",
        }));
        Assert.Equal("Daemun:Providers:acme:Scope", e.Key);
        Assert.Contains("{Tenant}", e.Message, StringComparison.Ordinal);
    }
}
