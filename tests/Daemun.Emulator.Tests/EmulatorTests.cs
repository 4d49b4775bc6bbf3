using System.Net;
using System.Net.Sockets;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>Starting, addressing, recording and the seeded people.</summary>
public sealed class EmulatorTests : EmulatorTest
{
    [Fact]
    public void Starts_on_loopback_with_a_random_port()
    {
        Assert.Equal("127.0.0.1", Emulator.BaseUrl.Host);
        Assert.NotEqual(0, Emulator.BaseUrl.Port);
        Assert.Equal($"http://127.0.0.1:{Emulator.BaseUrl.Port}", Emulator.BaseAddress);
        Assert.Equal(Emulator.BaseAddress + "/", Emulator.BaseUrl.ToString());
    }

    [Fact]
    public async Task Binds_the_requested_port()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var fixedPort = await ProviderEmulator.StartAsync(new EmulatorOptions { Port = port });
        Assert.Equal(port, fixedPort.BaseUrl.Port);
    }

    [Theory]
    [InlineData("naver", "/naver/oauth2.0/authorize", "/naver/oauth2.0/token", "/naver/v1/nid/me")]
    [InlineData("kakao", "/kakao/oauth/authorize", "/kakao/oauth/token", "/kakao/v2/user/me")]
    [InlineData("google", "/google/o/oauth2/v2/auth", "/google/token", "/google/v1/userinfo")]
    [InlineData("github", "/github/login/oauth/authorize", "/github/login/oauth/access_token", "/github/api/user")]
    [InlineData("oidc", "/oidc/authorize", "/oidc/token", "/oidc/userinfo")]
    public void Endpoints_mirror_the_real_paths_under_a_provider_prefix(string provider, string authorize, string token, string userInfo)
    {
        var urls = Emulator.EndpointsFor(provider);
        Assert.Equal(Emulator.BaseAddress + authorize, urls.AuthorizationEndpoint);
        Assert.Equal(Emulator.BaseAddress + token, urls.TokenEndpoint);
        Assert.Equal(Emulator.BaseAddress + userInfo, urls.UserInfoEndpoint);
        Assert.Equal(provider == "github" ? Emulator.BaseAddress + "/github/api/user/emails" : null, urls.EmailsEndpoint);
        Assert.Equal(provider is "google" or "oidc" or "kakao" ? Emulator.BaseAddress + "/" + provider : null, urls.Issuer);
    }

    [Theory]
    [InlineData("/people/kim/profile.svg", "김")]
    [InlineData("/people/jane/profile.svg", "J")]
    [InlineData("/people/kim/profile.svg?size=110x110", "김")]
    public async Task Serves_the_seeded_peoples_pictures_itself_so_they_load_offline(string path, string initial)
    {
        using var response = await Browser.Http.GetAsync(new Uri(Emulator.BaseAddress + path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains(">" + initial + "</text>", svg, StringComparison.Ordinal);
        Assert.All(TestPerson.Seeded, p => Assert.StartsWith("/people/", p.PictureUrl, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/people/nobody/profile.svg")]
    [InlineData("/people/default.png")]
    public async Task An_unknown_picture_is_404(string path)
    {
        using var response = await Browser.Http.GetAsync(new Uri(Emulator.BaseAddress + path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("naver", true)]
    [InlineData("kakao", false)]
    [InlineData("google", true)]
    [InlineData("github", true)]
    [InlineData("oidc", true)]
    public void Each_provider_has_one_registered_app(string provider, bool secretRequired)
    {
        var client = Emulator.Client(provider);
        Assert.Equal($"emulator-{provider}-client", client.ClientId);
        Assert.Equal($"emulator-{provider}-secret", client.ClientSecret);
        Assert.Equal(secretRequired, client.SecretRequired);
    }

    [Fact]
    public void Unknown_provider_is_an_argument_error_and_only_oidc_providers_rotate_keys()
    {
        Assert.Throws<ArgumentException>(() => Emulator.Client("facebook"));
        Assert.Throws<ArgumentException>(() => Emulator.EndpointsFor("facebook"));
        Assert.Throws<InvalidOperationException>(() => Emulator.RotateSigningKey("github"));
    }

    [Fact]
    public async Task Every_request_is_recorded_with_provider_endpoint_query_form_headers_and_time()
    {
        var urls = Emulator.EndpointsFor("naver");
        using var token = await Browser.Http.PostFormAsync(urls.TokenEndpoint + "?grant_type=refresh_token", ("client_id", "abc"), ("client_secret", "def"));
        using var me = await Browser.Http.GetWithBearerAsync(urls.UserInfoEndpoint, "tok-1");

        var requests = Emulator.Requests;
        Assert.Equal(2, requests.Count);
        var first = requests[0];
        Assert.Equal(("naver", EmulatorEndpoint.Token, "POST", "/naver/oauth2.0/token"), (first.Provider, first.Endpoint, first.Method, first.Path));
        Assert.Equal("refresh_token", first.Query["grant_type"]);
        Assert.Equal("abc", first.Form["client_id"]);
        Assert.Equal(Clock.GetUtcNow(), first.Time);
        Assert.Equal("Bearer tok-1", requests[1].Headers["authorization"]);
        Assert.Equal(EmulatorEndpoint.UserInfo, requests[1].Endpoint);
        Assert.Equal(1, Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_recorded_as_Other()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Emulator.BaseAddress + "/naver/nothing-here"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, Emulator.CountRequests("naver", EmulatorEndpoint.Other));
    }

    [Fact]
    public void Seeded_people_cover_the_documented_cases()
    {
        var people = Emulator.People.ToDictionary(p => p.Id);
        Assert.Equal(["kim", "lee", "park", "jane"], people.Keys);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", people["kim"].NaverId);
        Assert.Matches("^[0-9]+$", people["lee"].NaverId);
        Assert.Null(people["lee"].Email);
        Assert.False(people["park"].EmailVerified);
        Assert.True(people["park"].IsDefaultImage);
        Assert.True(people["kim"].GitHubEmailPublic);
        Assert.False(people["jane"].GitHubEmailPublic);
        Assert.All(people.Values, p => Assert.True(p.KakaoId > int.MaxValue));
        Assert.All(people.Values, p => Assert.Matches("^[0-9]{21}$", p.GoogleSub));
    }

    [Fact]
    public void Derived_ids_are_stable_across_runs_and_differ_between_people()
    {
        var a = new TestPerson { Id = "someone", Name = "A" };
        var again = new TestPerson { Id = "someone", Name = "B" };
        var other = new TestPerson { Id = "someone-else", Name = "A" };
        Assert.Equal(a.NaverId, again.NaverId);
        Assert.Equal(a.KakaoId, again.KakaoId);
        Assert.Equal(a.GoogleSub, again.GoogleSub);
        Assert.Equal(a.GitHubId, again.GitHubId);
        Assert.NotEqual(a.NaverId, other.NaverId);
        Assert.NotEqual(a.KakaoId, other.KakaoId);
        Assert.Equal("fCpUP4E4PqmuH6ZFuU8OPaZVPkTcL2pJ1PPS5_5PxVY", a.NaverId);
    }

    [Fact]
    public async Task Root_page_lists_the_providers()
    {
        var html = await Browser.Http.GetStringAsync(Emulator.BaseUrl);
        Assert.Contains("emulator-naver-client", html, StringComparison.Ordinal);
        Assert.Contains("emulator-oidc-client", html, StringComparison.Ordinal);
    }
}
