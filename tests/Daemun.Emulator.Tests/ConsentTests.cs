using System.Net;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>The consent page a person sees and the callback its buttons produce.</summary>
public sealed class ConsentTests : EmulatorTest
{
    private static (string, string?)[] Extra(string provider) => provider switch
    {
        "naver" => [("state", "s-1")],
        "google" => [("state", "s-1"), ("scope", "openid email profile"), ("code_challenge", Api.Pkce().Challenge), ("code_challenge_method", "S256")],
        "oidc" => [("state", "s-1"), ("scope", "openid email profile")],
        "github" => [("state", "s-1"), ("scope", "read:user user:email")],
        _ => [("state", "s-1")],
    };

    [Theory]
    [InlineData("naver", "error=access_denied&error_description=Canceled+By+User&state=s-1")]
    [InlineData("kakao", "error=access_denied&error_description=User+denied+access&state=s-1")]
    [InlineData("google", "error=access_denied&state=s-1")]
    [InlineData("oidc", "error=access_denied&state=s-1&iss={issuer}")] // RFC 9207
    [InlineData("github", "error=access_denied&error_description=The+user+has+denied+your+application+access.&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps%2Fmanaging-oauth-apps%2Ftroubleshooting-authorization-request-errors%2F%23access-denied&state=s-1")]
    public async Task Cancel_redirects_with_the_providers_cancellation_error(string provider, string expectedQuery)
    {
        var requestId = await Browser.OpenConsentAsync(Browser.AuthorizeUrl(provider, Extra(provider)));
        var location = await Browser.SubmitConsentAsync(provider, requestId, decision: "cancel");
        Assert.Equal(Browser.Callback + "?" + expectedQuery.Replace("{issuer}", Uri.EscapeDataString(Emulator.EndpointsFor(provider).Issuer ?? ""), StringComparison.Ordinal), location);
    }

    [Theory]
    [InlineData("naver", new[] { "email", "nickname", "name", "gender", "age", "birthday", "birthyear", "mobile", "profile_image" })]
    [InlineData("kakao", new[] { "account_email", "profile_nickname", "profile_image", "name", "gender", "age_range", "birthday", "birthyear", "phone_number" })]
    [InlineData("google", new[] { "email", "profile" })]
    [InlineData("oidc", new[] { "email", "profile" })]
    [InlineData("github", new[] { "user:email" })]
    public async Task Consent_page_offers_people_declinable_items_and_both_buttons(string provider, string[] items)
    {
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl(provider, Extra(provider))));
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("EMULATOR — not the real provider", html, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"/{provider}/consent\">", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"request_id\"", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" name=\"person\" value=\"kim\" checked>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" name=\"person\" value=\"lee\">", html, StringComparison.Ordinal);
        Assert.Contains("김민준", html, StringComparison.Ordinal);
        Assert.Contains("minjun.kim@example.com", html, StringComparison.Ordinal);
        foreach (var item in items)
            Assert.Contains($"<input type=\"checkbox\" name=\"decline\" value=\"{item}\">", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" name=\"decision\" value=\"allow\"", html, StringComparison.Ordinal);
        Assert.Contains("동의하기 / Allow</button>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" name=\"decision\" value=\"cancel\">취소 / Cancel</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_request_id_gets_a_400_page()
    {
        using var response = await Browser.Http.PostAsync(new Uri("/naver/consent", UriKind.Relative),
            new FormUrlEncodedContent([new("request_id", "nope"), new("person", "kim"), new("decision", "allow")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_request_id_can_be_answered_only_once()
    {
        var requestId = await Browser.OpenConsentAsync(Browser.AuthorizeUrl("naver", ("state", "s")));
        await Browser.SubmitConsentAsync("naver", requestId);
        using var again = await Browser.Http.PostAsync(new Uri("/naver/consent", UriKind.Relative),
            new FormUrlEncodedContent([new("request_id", requestId), new("person", "kim"), new("decision", "allow")]));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Request_id_of_another_provider_is_refused()
    {
        var requestId = await Browser.OpenConsentAsync(Browser.AuthorizeUrl("naver", ("state", "s")));
        using var response = await Browser.Http.PostAsync(new Uri("/kakao/consent", UriKind.Relative),
            new FormUrlEncodedContent([new("request_id", requestId), new("person", "kim")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example.com/callback")]
    [InlineData("http://127.0.0.1:@evil.example.com/callback")]
    [InlineData("not a url")]
    public async Task Redirect_uri_outside_the_allowed_prefixes_is_refused_without_redirecting(string redirectUri)
    {
        var url = Browser.Url(Emulator.EndpointsFor("naver").AuthorizationEndpoint,
            [("response_type", "code"), ("client_id", Emulator.Client("naver").ClientId), ("redirect_uri", redirectUri), ("state", "s")]);
        using var response = await Browser.Http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_person_added_by_a_test_can_sign_in()
    {
        Emulator.People.Add(new TestPerson { Id = "choi", Name = "최유진", Email = "yujin@example.com", NaverId = "choi-naver-id" });
        var html = await (await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("naver", ("state", "s"))))).Content.ReadAsStringAsync();
        Assert.Contains("value=\"choi\"", html, StringComparison.Ordinal);

        var app = Emulator.Client("naver");
        var code = await Browser.CodeAsync("naver", Browser.AuthorizeUrl("naver", ("state", "s")), "choi");
        using var tokenResponse = await Browser.Http.PostFormAsync(Emulator.EndpointsFor("naver").TokenEndpoint, ("grant_type", "authorization_code"),
            ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("code", code), ("state", "s"));
        using var me = await Browser.Http.GetWithBearerAsync(Emulator.EndpointsFor("naver").UserInfoEndpoint, (await tokenResponse.JsonAsync()).Str("access_token"));
        var profile = (await me.JsonAsync()).GetProperty("response");
        Assert.Equal("choi-naver-id", profile.Str("id"));
        Assert.False(profile.Has("mobile"));
    }
}
