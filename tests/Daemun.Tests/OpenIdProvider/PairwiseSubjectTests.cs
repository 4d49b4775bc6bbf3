using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>Pairwise subjects: two apps of different sectors see different, stable <c>sub</c> values for one person, neither is the Daemun
/// user id, and userinfo still answers for the pairwise app.</summary>
public sealed class PairwiseSubjectTests
{
    private static void Client(Dictionary<string, string?> s, string id, string sector, string subjectType)
    {
        var k = $"Daemun:OpenIdProvider:Clients:{id}";
        s[$"{k}:Type"] = "web";
        s[$"{k}:ClientSecret"] = $"{id}-secret-0123456789";
        s[$"{k}:RedirectUris:0"] = $"http://127.0.0.1:5990/{id}/cb";
        s[$"{k}:Scopes:0"] = "openid";
        s[$"{k}:Scopes:1"] = "profile";
        s[$"{k}:FirstParty"] = "true";
        s[$"{k}:SubjectType"] = subjectType;
        if (subjectType == "pairwise") s[$"{k}:SectorIdentifier"] = sector;
    }

    [Fact]
    public async Task TwoSectorsSeeDifferentStableSubjectsNeitherTheUserIdAndUserInfoAnswers()
    {
        var settings = new Dictionary<string, string?>();
        Client(settings, "shop", "shop.example", "pairwise");
        Client(settings, "bank", "bank.example", "pairwise");
        Client(settings, "own", "", "public");
        await using var site = await TestSite.StartAsync(settings);
        OidcTestClient App(string id) => new(site, id, $"{id}-secret-0123456789", $"http://127.0.0.1:5990/{id}/cb");
        using var browser = site.NewBrowser();

        var shop = await App("shop").SignInAsync(browser, "openid profile");
        var shopAgain = await App("shop").SignInAsync(browser, "openid profile");
        var bank = await App("bank").SignInAsync(browser, "openid profile");
        var own = await App("own").SignInAsync(browser, "openid profile");
        string Sub(JsonElement tokens) => new JsonWebToken(tokens.GetProperty("id_token").GetString()).Subject;

        var userId = (await browser.SessionAsync()).GetProperty("user").GetProperty("id").GetString();
        Assert.Equal(userId, Sub(own));
        Assert.NotEqual(userId, Sub(shop));
        Assert.NotEqual(Sub(shop), Sub(bank));
        Assert.Equal(Sub(shop), Sub(shopAgain));
        Assert.DoesNotContain(userId!, shop.GetProperty("access_token").GetString()!, StringComparison.Ordinal);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, site.BaseUrl + "/oidc/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", shop.GetProperty("access_token").GetString());
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var userinfo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Sub(shop), userinfo.GetProperty("sub").GetString());
        Assert.True(userinfo.TryGetProperty("name", out _));
    }
}
