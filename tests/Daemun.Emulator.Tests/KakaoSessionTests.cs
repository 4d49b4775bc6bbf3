using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>docs/providers/kakao.md §1 (scope re-asks, prompt=login), §4 (logout, unlink, browser logout, admin key) and §5 (OIDC endpoints).</summary>
public sealed class KakaoSessionTests : EmulatorTest
{
    private const string ReauthNotice = "비밀번호 다시 입력 / Re-enter password (emulated)";
    private const long KimId = 3141592653589;

    private EmulatorClient App => Emulator.Client("kakao");
    private ProviderEndpoints Urls => Emulator.EndpointsFor("kakao");
    private string Api(string path) => Emulator.BaseAddress + "/kakao" + path;

    private async Task<(HttpStatusCode Status, JsonElement Json)> TokenAsync(params (string, string?)[] fields)
    {
        using var response = await Browser.Http.PostFormAsync(Urls.TokenEndpoint, fields);
        return (response.StatusCode, await response.JsonAsync());
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> RefreshAsync(JsonElement token) =>
        TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("refresh_token", token.Str("refresh_token")));

    private async Task<JsonElement> ExchangeAsync(string code)
    {
        var (status, json) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("redirect_uri", Browser.Callback), ("code", code));
        Assert.Equal(HttpStatusCode.OK, status);
        return json;
    }

    private async Task<JsonElement> SignInAsync(string person = "kim", string[]? decline = null, params (string, string?)[] extra) =>
        await ExchangeAsync(await Browser.CodeAsync("kakao", Browser.AuthorizeUrl("kakao", extra), person, decline ?? []));

    private async Task<HttpStatusCode> MeStatusAsync(JsonElement token)
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token.Str("access_token"));
        return response.StatusCode;
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> AdminAsync(string path, string key, params (string, string?)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api(path))
        {
            Content = new FormUrlEncodedContent(fields.Where(f => f.Item2 is not null).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2!))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("KakaoAK", key);
        using var response = await Browser.Http.SendAsync(request);
        return (response.StatusCode, await response.JsonAsync());
    }

    private async Task<string> SilentErrorAsync()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("kakao", ("prompt", "none"))));
        return Browser.Query(response.Headers.Location!.OriginalString).GetValueOrDefault("error", "");
    }

    private static long AuthTime(JsonElement token) => Jwt.Parse(token.Str("id_token")).Payload.GetProperty("auth_time").GetInt64();

    private long Unix => Clock.GetUtcNow().ToUnixTimeSeconds();

    // ---- remembered declines and scope re-asks ----

    [Fact]
    public async Task Items_declined_before_stay_declined_when_the_scope_does_not_ask_again()
    {
        await SignInAsync("kim", ["account_email"]);
        var (requestId, html) = await Browser.OpenConsentPageAsync(Browser.AuthorizeUrl("kakao"));
        Assert.Contains("value=\"account_email\" checked disabled", html, StringComparison.Ordinal);
        var token = await ExchangeAsync(Browser.Query(await Browser.SubmitConsentAsync("kakao", requestId, "kim"))["code"]);
        Assert.DoesNotContain("account_email", token.Str("scope"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_naming_a_declined_item_lets_the_person_share_it()
    {
        await SignInAsync("kim", ["account_email", "gender"]);
        var (requestId, html) = await Browser.OpenConsentPageAsync(Browser.AuthorizeUrl("kakao", ("scope", "account_email")));
        Assert.DoesNotContain("value=\"account_email\" checked disabled", html, StringComparison.Ordinal);
        Assert.Contains("value=\"gender\" checked disabled", html, StringComparison.Ordinal);
        var token = await ExchangeAsync(Browser.Query(await Browser.SubmitConsentAsync("kakao", requestId, "kim"))["code"]);
        Assert.Contains("account_email", token.Str("scope"), StringComparison.Ordinal);
        Assert.DoesNotContain("gender", token.Str("scope"), StringComparison.Ordinal);
    }

    // ---- prompt=login and auth_time ----

    [Fact]
    public async Task Id_token_auth_time_is_the_sessions_login_time()
    {
        var loginAt = Unix;
        await SignInAsync("kim", null, ("scope", "openid"));
        Clock.Advance(TimeSpan.FromMinutes(30));
        var again = await SignInAsync("kim", null, ("scope", "openid"));
        Assert.Equal(loginAt, AuthTime(again));
        var (status, refreshed) = await RefreshAsync(again);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(loginAt, AuthTime(refreshed));
    }

    [Fact]
    public async Task Prompt_login_shows_the_password_notice_and_sets_auth_time_to_now()
    {
        await SignInAsync("kim", null, ("scope", "openid"));
        Clock.Advance(TimeSpan.FromMinutes(30));
        var (_, html) = await Browser.OpenConsentPageAsync(Browser.AuthorizeUrl("kakao", ("scope", "openid"), ("prompt", "login")));
        Assert.Contains(ReauthNotice, html, StringComparison.Ordinal);
        var reauthAt = Unix;
        Assert.Equal(reauthAt, AuthTime(await SignInAsync("kim", null, ("scope", "openid"), ("prompt", "login"))));
        Assert.Equal("login", Emulator.Requests.Last(r => r.Endpoint == EmulatorEndpoint.Authorize).Query["prompt"]);

        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(reauthAt, AuthTime(await SignInAsync("kim", null, ("scope", "openid"))));
    }

    // ---- §4 logout, unlink, token info ----

    [Fact]
    public async Task After_logout_profile_is_401_and_refresh_is_KOE322()
    {
        var token = await SignInAsync();
        using (var logout = await Browser.Http.PostWithBearerAsync(Api("/v1/user/logout"), token.Str("access_token")))
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        using (var me = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token.Str("access_token")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
            Assert.Equal(-401, (await me.JsonAsync()).GetProperty("code").GetInt32());
        }
        var (status, json) = await RefreshAsync(token);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
        Assert.Equal("KOE322", json.Str("error_code"));
        Assert.Equal("", await SilentErrorAsync());
    }

    [Fact]
    public async Task After_unlink_refresh_is_KOE322_and_token_info_is_401()
    {
        var token = await SignInAsync();
        using (await Browser.Http.PostWithBearerAsync(Api("/v1/user/unlink"), token.Str("access_token"))) { }
        var (status, json) = await RefreshAsync(token);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("KOE322", json.Str("error_code"));
        using var info = await Browser.Http.GetWithBearerAsync(Api("/v1/user/access_token_info"), token.Str("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, info.StatusCode);
        Assert.Equal(-401, (await info.JsonAsync()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Unlink_forgets_the_remembered_declines()
    {
        var token = await SignInAsync("kim", ["account_email"]);
        using (await Browser.Http.PostWithBearerAsync(Api("/v1/user/unlink"), token.Str("access_token"))) { }
        var (_, html) = await Browser.OpenConsentPageAsync(Browser.AuthorizeUrl("kakao"));
        Assert.DoesNotContain("disabled", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_key_logout_targets_the_user_id_and_kills_the_tokens()
    {
        var token = await SignInAsync();
        Assert.Equal("emulator-kakao-admin-key", App.AdminKey);
        var (status, json) = await AdminAsync("/v1/user/logout", App.AdminKey!, ("target_id_type", "user_id"), ("target_id", KimId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(KimId, json.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(token));
        Assert.Equal("KOE322", (await RefreshAsync(token)).Json.Str("error_code"));
        Assert.Equal("", await SilentErrorAsync());
        Assert.Equal("user_id", Emulator.Requests.Last(r => r.Endpoint == EmulatorEndpoint.Logout).Form["target_id_type"]);
    }

    [Fact]
    public async Task Admin_key_unlink_kills_the_tokens_and_forgets_consent()
    {
        var token = await SignInAsync();
        var (status, json) = await AdminAsync("/v1/user/unlink", App.AdminKey!, ("target_id_type", "user_id"), ("target_id", KimId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(KimId, json.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(token));
        Assert.Equal("consent_required", await SilentErrorAsync());
    }

    [Fact]
    public async Task Admin_key_calls_refuse_a_wrong_key_a_missing_target_and_an_unlinked_user()
    {
        var (status, json) = await AdminAsync("/v1/user/unlink", "wrong-key", ("target_id_type", "user_id"), ("target_id", KimId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(-401, json.GetProperty("code").GetInt32());
        Assert.DoesNotContain("wrong-key", json.GetRawText(), StringComparison.Ordinal);

        (status, json) = await AdminAsync("/v1/user/unlink", App.AdminKey!);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(-2, json.GetProperty("code").GetInt32());

        (status, json) = await AdminAsync("/v1/user/logout", App.AdminKey!, ("target_id_type", "user_id"), ("target_id", KimId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(-101, json.GetProperty("code").GetInt32());
    }

    // ---- §4 browser logout ----

    [Fact]
    public async Task Browser_logout_ends_the_session_and_redirects_with_state()
    {
        await SignInAsync();
        Assert.Equal("", await SilentErrorAsync());
        var url = Browser.Url(Api("/oauth/logout"), [("client_id", App.ClientId), ("logout_redirect_uri", "http://127.0.0.1:5000/signed-out"), ("state", "bye 1")]);
        using (var response = await Browser.Http.GetAsync(new Uri(url)))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("http://127.0.0.1:5000/signed-out?state=bye+1", response.Headers.Location!.OriginalString);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("emulator_kakao_session=;", StringComparison.Ordinal));
        }
        Assert.Equal("login_required", await SilentErrorAsync());
        Assert.Equal(1, Emulator.CountRequests("kakao", EmulatorEndpoint.BrowserLogout));
    }

    [Fact]
    public async Task Browser_logout_without_state_redirects_plainly()
    {
        var url = Browser.Url(Api("/oauth/logout"), [("client_id", App.ClientId), ("logout_redirect_uri", "http://127.0.0.1:5000/signed-out")]);
        using var response = await Browser.Http.GetAsync(new Uri(url));
        Assert.Equal("http://127.0.0.1:5000/signed-out", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Browser_logout_keeps_the_apps_tokens_valid()
    {
        var token = await SignInAsync();
        using (await Browser.Http.GetAsync(new Uri(Browser.Url(Api("/oauth/logout"), [("client_id", App.ClientId), ("logout_redirect_uri", "http://127.0.0.1:5000/")])))) { }
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(token));
    }

    [Fact]
    public async Task Browser_logout_with_unknown_client_shows_the_KOE101_page()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Browser.Url(Api("/oauth/logout"), [("client_id", "nope"), ("logout_redirect_uri", "http://127.0.0.1:5000/")])));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("KOE101", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/after")]
    [InlineData(null)]
    public async Task Browser_logout_to_an_unregistered_redirect_shows_the_KOE007_page(string? redirect)
    {
        await SignInAsync();
        using var response = await Browser.Http.GetAsync(new Uri(Browser.Url(Api("/oauth/logout"), [("client_id", App.ClientId), ("logout_redirect_uri", redirect), ("state", "s")])));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("KOE007", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("", await SilentErrorAsync());
    }

    // ---- §5 OIDC endpoints, Disconnect ----

    [Fact]
    public async Task Oidc_endpoints_share_authorize_and_token_and_use_the_oidc_userinfo()
    {
        var oidc = Emulator.OidcEndpointsFor("kakao");
        Assert.Equal(Urls.AuthorizationEndpoint, oidc.AuthorizationEndpoint);
        Assert.Equal(Urls.TokenEndpoint, oidc.TokenEndpoint);
        Assert.Equal(Emulator.BaseAddress + "/kakao/v1/oidc/userinfo", oidc.UserInfoEndpoint);
        Assert.Equal(Emulator.BaseAddress + "/kakao", oidc.Issuer);
        Assert.Equal(Emulator.BaseAddress + "/kakao/.well-known/jwks.json", oidc.JwksUri);
        Assert.Equal(Emulator.BaseAddress + "/kakao/v2/user/me", Urls.UserInfoEndpoint);

        using var discovery = await Browser.Http.GetAsync(new Uri(oidc.DiscoveryEndpoint!));
        Assert.Equal(oidc.UserInfoEndpoint, (await discovery.JsonAsync()).Str("userinfo_endpoint"));
    }

    [Fact]
    public async Task Disconnect_kills_the_tokens_and_forgets_consent()
    {
        var token = await SignInAsync();
        Emulator.Disconnect("kakao", "kim");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(token));
        Assert.Equal("KOE322", (await RefreshAsync(token)).Json.Str("error_code"));
        Assert.Equal("consent_required", await SilentErrorAsync());
    }
}
