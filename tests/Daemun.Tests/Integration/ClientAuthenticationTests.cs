using System.Net;
using System.Text.Json.Nodes;
using Daemun.Emulator;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>A generic OIDC provider without a configured <c>ClientAuthentication</c> takes it from discovery's
/// <c>token_endpoint_auth_methods_supported</c>: client_secret_basic when listed, else client_secret_post; an absent list means
/// client_secret_basic (OIDC Discovery §3). A configured method is kept, with one warning when the document does not list it.</summary>
public sealed class ClientAuthenticationTests
{
    private const string Provider = SecuritySite.Generic;

    private static RecordedRequest TokenRequest(ProviderEmulator emulator) =>
        Assert.Single(emulator.Requests, r => r.Provider == "oidc" && r.Endpoint == EmulatorEndpoint.Token);

    private static bool UsedBasic(RecordedRequest r) =>
        r.Headers.TryGetValue("Authorization", out var a) && a.StartsWith("Basic ", StringComparison.Ordinal) && !r.Form.ContainsKey("client_secret");

    private static bool UsedPost(RecordedRequest r) =>
        !r.Headers.ContainsKey("Authorization") && r.Form.ContainsKey("client_secret") && r.Form.ContainsKey("client_id");

    private static async Task SignInAsync(SecuritySite s)
    {
        using var browser = s.Site.NewBrowser();
        using var response = await browser.SignInAsync(Provider);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(response));
    }

    [Fact]
    public async Task BasicIsChosenWhenDiscoveryListsIt()
    {
        await using var s = await SecuritySite.StartAsync(); // the emulator lists client_secret_post and client_secret_basic
        await SignInAsync(s);
        Assert.True(UsedBasic(TokenRequest(s.Emulator)));
    }

    [Fact]
    public async Task PostIsChosenWhenDiscoveryListsOnlyPost()
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.SetDiscoveryMember("oidc", "token_endpoint_auth_methods_supported", new JsonArray("client_secret_post"));
        await SignInAsync(s);
        Assert.True(UsedPost(TokenRequest(s.Emulator)));
    }

    [Fact]
    public async Task BasicIsChosenWhenDiscoveryListsNone()
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.SetDiscoveryMember("oidc", "token_endpoint_auth_methods_supported", null);
        await SignInAsync(s);
        Assert.True(UsedBasic(TokenRequest(s.Emulator)));
    }

    [Fact]
    public async Task AConfiguredMethodIsKeptWithOneWarningWhenDiscoveryDoesNotListIt()
    {
        await using var s = await SecuritySite.StartAsync(new Dictionary<string, string?>
        {
            [$"Daemun:Providers:{Provider}:ClientAuthentication"] = "client_secret_post",
        });
        s.Emulator.Faults.SetDiscoveryMember("oidc", "token_endpoint_auth_methods_supported", new JsonArray("client_secret_basic"));

        await SignInAsync(s);
        using (var second = s.Site.NewBrowser())
        using (var again = await second.SignInAsync(Provider)) Assert.Null(TestBrowser.ErrorCodeOf(again));

        Assert.All(s.Emulator.Requests.Where(r => r.Provider == "oidc" && r.Endpoint == EmulatorEndpoint.Token), r => Assert.True(UsedPost(r)));
        Assert.Single(s.Site.Logs.Lines, l => l.Contains("does not list in token_endpoint_auth_methods_supported", StringComparison.Ordinal));
    }
}
