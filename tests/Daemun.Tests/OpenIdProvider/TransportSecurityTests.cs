using System.Net;
using System.Text.Json;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>https everywhere: outside Development a plain-http protocol request gets the protocol's error, never the document or a token.</summary>
public sealed class TransportSecurityTests
{
    [Fact]
    public async Task OutsideDevelopmentPlainHttpProtocolRequestsAreRefusedWithInvalidRequest()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "127.0.0.1",
            ["Daemun:Emulator:Enabled"] = "true",
            ["Daemun:OpenIdProvider:Clients:m2m:Type"] = "machine",
            ["Daemun:OpenIdProvider:Clients:m2m:ClientSecret"] = "m2m-secret-0123456789",
            ["Daemun:OpenIdProvider:Clients:m2m:Scopes:0"] = "daemun:read",
        }, environment: "Production");
        using var http = new HttpClient();

        using var discovery = await http.GetAsync(site.BaseUrl + "/.well-known/openid-configuration");
        var text = await discovery.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"{(int)discovery.StatusCode} {discovery.Headers} {string.Join("\n", site.Logs.Lines.Where(l => l.Contains("OpenID", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal)))}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, discovery.StatusCode);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains("https", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);

        using var token = await http.PostAsync(site.BaseUrl + "/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "m2m", ["client_secret"] = "m2m-secret-0123456789",
        }));
        var answer = await token.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.DoesNotContain("access_token", answer, StringComparison.Ordinal);
        Assert.Contains(site.Logs.Lines, l => l.Contains("refused a plain-http request", StringComparison.Ordinal));
    }
}
