using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>docs/providers/kakao.md, one test per documented behaviour.</summary>
public sealed class KakaoTests : EmulatorTest
{
    private EmulatorClient App => Emulator.Client("kakao");
    private ProviderEndpoints Urls => Emulator.EndpointsFor("kakao");
    private string Api(string path) => Emulator.BaseAddress + "/kakao" + path;

    private Task<string> CodeAsync(string person = "kim", string[]? decline = null, params (string, string?)[] extra) =>
        Browser.CodeAsync("kakao", Browser.AuthorizeUrl("kakao", extra), person, decline ?? []);

    private async Task<(HttpStatusCode Status, JsonElement Json)> TokenAsync(params (string, string?)[] fields)
    {
        using var response = await Browser.Http.PostFormAsync(Urls.TokenEndpoint, fields);
        return (response.StatusCode, await response.JsonAsync());
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> ExchangeAsync(string code, string? redirectUri = Browser.Callback, string? secret = null) =>
        TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("redirect_uri", redirectUri), ("code", code), ("client_secret", secret));

    private async Task<JsonElement> SignedInTokenAsync(string person = "kim", string[]? decline = null, params (string, string?)[] extra)
    {
        var (status, json) = await ExchangeAsync(await CodeAsync(person, decline, extra));
        Assert.Equal(HttpStatusCode.OK, status);
        return json;
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, string Raw)> MeAsync(string? token)
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(raw).RootElement.Clone(), raw);
    }

    [Fact]
    public async Task User_id_is_an_int64_json_number()
    {
        var (_, me, raw) = await MeAsync((await SignedInTokenAsync()).Str("access_token"));
        Assert.Equal(JsonValueKind.Number, me.GetProperty("id").ValueKind);
        Assert.Equal(3141592653589L, me.GetProperty("id").GetInt64());
        Assert.True(me.GetProperty("id").GetInt64() > int.MaxValue);
        Assert.Contains("\"id\":3141592653589", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_response_numbers_are_integers_and_scope_is_space_separated()
    {
        var token = await SignedInTokenAsync();
        Assert.Equal("bearer", token.Str("token_type"));
        Assert.Equal(21599, token.GetProperty("expires_in").GetInt32());
        Assert.Equal(5183999, token.GetProperty("refresh_token_expires_in").GetInt32());
        Assert.Contains("account_email profile_nickname", token.Str("scope"), StringComparison.Ordinal);
        Assert.DoesNotContain(",", token.Str("scope"), StringComparison.Ordinal);
        Assert.False(token.Has("id_token"));
    }

    [Fact]
    public async Task User_me_has_connected_at_properties_and_kakao_account()
    {
        var (status, me, raw) = await MeAsync((await SignedInTokenAsync()).Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2025-06-01T03:00:00Z", me.Str("connected_at"));
        Assert.Equal("민준", me.GetProperty("properties").Str("nickname"));
        Assert.Contains("김민준", raw, StringComparison.Ordinal);
        var account = me.GetProperty("kakao_account");
        Assert.Equal("minjun.kim@example.com", account.Str("email"));
        Assert.True(account.GetProperty("is_email_valid").GetBoolean());
        Assert.True(account.GetProperty("is_email_verified").GetBoolean());
        Assert.False(account.GetProperty("email_needs_agreement").GetBoolean());
        Assert.Equal("30~39", account.Str("age_range"));
        Assert.Equal("0815", account.Str("birthday"));
        Assert.Equal("SOLAR", account.Str("birthday_type"));
        Assert.Equal("1990", account.Str("birthyear"));
        Assert.Equal("male", account.Str("gender"));
        Assert.Equal("+82 10-1234-5678", account.Str("phone_number"));
        Assert.Equal("민준", account.GetProperty("profile").Str("nickname"));
        Assert.False(account.GetProperty("profile").GetProperty("is_default_image").GetBoolean());
    }

    [Fact]
    public async Task Declined_items_are_absent_and_needs_agreement_is_true()
    {
        var token = await SignedInTokenAsync("kim", ["account_email", "phone_number", "gender"]);
        var account = (await MeAsync(token.Str("access_token"))).Json.GetProperty("kakao_account");
        Assert.True(account.GetProperty("email_needs_agreement").GetBoolean());
        Assert.False(account.Has("email"));
        Assert.False(account.Has("is_email_verified"));
        Assert.True(account.GetProperty("phone_number_needs_agreement").GetBoolean());
        Assert.False(account.Has("phone_number"));
        Assert.True(account.GetProperty("gender_needs_agreement").GetBoolean());
        Assert.False(account.Has("gender"));
        Assert.False(account.GetProperty("name_needs_agreement").GetBoolean());
        Assert.DoesNotContain("account_email", token.Str("scope"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unverified_email_and_placeholder_image_are_reported()
    {
        var token = await SignedInTokenAsync("park");
        var account = (await MeAsync(token.Str("access_token"))).Json.GetProperty("kakao_account");
        Assert.Equal("jihoon.park@example.com", account.Str("email"));
        Assert.False(account.GetProperty("is_email_verified").GetBoolean());
        Assert.True(account.GetProperty("profile").GetProperty("is_default_image").GetBoolean());
    }

    [Fact]
    public async Task Token_request_must_be_a_urlencoded_form_post()
    {
        using var json = new StringContent($$"""{"grant_type":"authorization_code","client_id":"{{App.ClientId}}","code":"x"}""", Encoding.UTF8, "application/json");
        using var response = await Browser.Http.PostAsync(new Uri(Urls.TokenEndpoint), json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        using var get = await Browser.Http.GetAsync(new Uri(Urls.TokenEndpoint + "?grant_type=authorization_code"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task Wrong_secret_is_KOE010_even_when_the_secret_is_optional()
    {
        var (status, json) = await ExchangeAsync(await CodeAsync(), secret: "wrong-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", json.Str("error"));
        Assert.Equal("Bad client credentials", json.Str("error_description"));
        Assert.Equal("KOE010", json.Str("error_code"));
    }

    [Fact]
    public async Task Unknown_client_id_at_token_is_KOE101()
    {
        var (status, json) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", "nobody"), ("code", "x"), ("redirect_uri", Browser.Callback));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("KOE101", json.Str("error_code"));
    }

    [Fact]
    public async Task Code_reuse_is_KOE320_with_the_code_in_the_description()
    {
        var code = await CodeAsync();
        await ExchangeAsync(code);
        var (status, json) = await ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
        Assert.Equal("KOE320", json.Str("error_code"));
        Assert.Equal("authorization code not found for code=" + code, json.Str("error_description"));
    }

    [Fact]
    public async Task Redirect_uri_different_from_authorize_is_KOE303()
    {
        var (status, json) = await ExchangeAsync(await CodeAsync(), redirectUri: "http://127.0.0.1:5000/elsewhere");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("KOE303", json.Str("error_code"));
        Assert.Equal("Redirect URI mismatch.", json.Str("error_description"));
    }

    [Fact]
    public async Task Unknown_client_on_authorize_shows_the_KOE101_page_without_redirecting()
    {
        var url = Browser.Url(Urls.AuthorizationEndpoint, [("response_type", "code"), ("client_id", "nobody"), ("redirect_uri", Browser.Callback)]);
        using var response = await Browser.Http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("KOE101", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unregistered_redirect_uri_shows_the_KOE006_page()
    {
        var url = Browser.Url(Urls.AuthorizationEndpoint, [("response_type", "code"), ("client_id", App.ClientId), ("redirect_uri", "https://evil.example.com/cb")]);
        using var response = await Browser.Http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("KOE006", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_without_state_has_no_state_and_state_is_echoed_when_sent()
    {
        var without = await Browser.SignInAsync("kakao", Browser.AuthorizeUrl("kakao"));
        Assert.False(without.ContainsKey("state"));
        var with = await Browser.SignInAsync("kakao", Browser.AuthorizeUrl("kakao", ("state", "x y/z")));
        Assert.Equal("x y/z", with["state"]);
    }

    [Fact]
    public async Task Unknown_scope_redirects_with_invalid_scope()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("kakao", ("scope", "account_email profile_nickname"))));
        Assert.Equal("invalid_scope", Browser.Query(response.Headers.Location!.OriginalString)["error"]);
    }

    [Fact]
    public async Task Refresh_keeps_the_refresh_token_while_more_than_a_month_is_left()
    {
        var first = await SignedInTokenAsync();
        Clock.Advance(TimeSpan.FromDays(20));
        var (status, refreshed) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("refresh_token", first.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(refreshed.Has("refresh_token"));
        Assert.False(refreshed.Has("refresh_token_expires_in"));
        Assert.Equal(21599, refreshed.GetProperty("expires_in").GetInt32());
        var again = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("refresh_token", first.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.OK, again.Status);
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_when_less_than_a_month_is_left_and_the_old_one_dies()
    {
        var first = await SignedInTokenAsync();
        Clock.Advance(TimeSpan.FromDays(31));
        var (_, refreshed) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("refresh_token", first.Str("refresh_token")));
        Assert.NotEqual(first.Str("refresh_token"), refreshed.Str("refresh_token"));
        Assert.Equal(5183999, refreshed.GetProperty("refresh_token_expires_in").GetInt32());

        var (status, old) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("refresh_token", first.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("KOE322", old.Str("error_code"));
        var (newStatus, _) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("refresh_token", refreshed.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.OK, newStatus);
    }

    [Fact]
    public async Task User_me_without_authorization_is_no_authentication_key()
    {
        var (status, json, _) = await MeAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("no authentication key!", json.Str("msg"));
        Assert.Equal(-401, json.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task User_me_with_unknown_token_is_token_does_not_exist()
    {
        var (status, json, raw) = await MeAsync("no-such-token");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"msg":"this access token does not exist","code":-401}""", raw);
        Assert.Equal(-401, json.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task User_me_with_expired_token_is_already_expired()
    {
        var token = (await SignedInTokenAsync()).Str("access_token");
        Clock.Advance(TimeSpan.FromSeconds(21599));
        var (status, json, _) = await MeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("this access token is already expired", json.Str("msg"));
    }

    [Fact]
    public async Task Prompt_none_without_remembered_consent_redirects_login_required()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("kakao", ("prompt", "none"), ("state", "s"))));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = Browser.Query(response.Headers.Location!.OriginalString);
        Assert.Equal("login_required", query["error"]);
        Assert.Equal("s", query["state"]);
    }

    [Fact]
    public async Task Prompt_none_after_consent_issues_a_code_without_the_page()
    {
        await SignedInTokenAsync("lee");
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("kakao", ("prompt", "none"))));
        var code = Browser.Query(response.Headers.Location!.OriginalString)["code"];
        var (_, token) = await ExchangeAsync(code);
        var (_, me, _) = await MeAsync(token.Str("access_token"));
        Assert.Equal(2718281828459L, me.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Openid_scope_adds_an_id_token_signed_with_a_published_key()
    {
        var nonce = "n-0S6_WzA2Mj";
        var token = await SignedInTokenAsync("kim", null, ("scope", "openid,account_email,profile_nickname"), ("nonce", nonce));
        Assert.EndsWith(" openid", token.Str("scope"), StringComparison.Ordinal);

        using var discovery = await Browser.Http.GetAsync(new Uri(Urls.DiscoveryEndpoint!));
        var config = await discovery.JsonAsync();
        Assert.Equal(Urls.Issuer, config.Str("issuer"));
        Assert.Equal("client_secret_post", config.GetProperty("token_endpoint_auth_methods_supported")[0].GetString());
        using var jwks = await Browser.Http.GetAsync(new Uri(config.Str("jwks_uri")));

        var jwt = Jwt.Parse(token.Str("id_token"));
        Assert.True(jwt.VerifiesWith(await jwks.JsonAsync()));
        Assert.Equal(Emulator.BaseAddress + "/kakao", jwt.Payload.Str("iss"));
        Assert.Equal(App.ClientId, jwt.Payload.Str("aud"));
        Assert.Equal("3141592653589", jwt.Payload.Str("sub"));
        Assert.Equal(nonce, jwt.Payload.Str("nonce"));
        Assert.Equal("민준", jwt.Payload.Str("nickname"));
        Assert.Equal("minjun.kim@example.com", jwt.Payload.Str("email"));
    }

    [Fact]
    public async Task Logout_answers_the_id_and_expires_the_tokens()
    {
        var token = await SignedInTokenAsync();
        using var logout = await Browser.Http.PostWithBearerAsync(Api("/v1/user/logout"), token.Str("access_token"));
        Assert.Equal(3141592653589L, (await logout.JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token.Str("access_token"))).Status);
        var (status, _) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("refresh_token", token.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Unlink_answers_the_id_kills_tokens_and_forgets_consent()
    {
        var token = await SignedInTokenAsync();
        using var unlink = await Browser.Http.PostWithBearerAsync(Api("/v1/user/unlink"), token.Str("access_token"));
        Assert.Equal(3141592653589L, (await unlink.JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token.Str("access_token"))).Status);
        using var silent = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("kakao", ("prompt", "none"))));
        Assert.Equal("consent_required", Browser.Query(silent.Headers.Location!.OriginalString)["error"]);
    }

    [Fact]
    public async Task Access_token_info_reports_id_remaining_seconds_and_app_id()
    {
        var token = (await SignedInTokenAsync()).Str("access_token");
        Clock.Advance(TimeSpan.FromSeconds(599));
        using var response = await Browser.Http.GetWithBearerAsync(Api("/v1/user/access_token_info"), token);
        var info = await response.JsonAsync();
        Assert.Equal(3141592653589L, info.GetProperty("id").GetInt64());
        Assert.Equal(21000, info.GetProperty("expires_in").GetInt32());
        Assert.Equal(App.AppId, info.GetProperty("app_id").GetInt64());
    }

    [Fact]
    public async Task Pkce_verifier_must_match_when_a_challenge_was_sent()
    {
        var (verifier, challenge) = Support.Api.Pkce();
        var code = await CodeAsync("kim", null, ("code_challenge", challenge), ("code_challenge_method", "S256"));
        var (status, json) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("redirect_uri", Browser.Callback), ("code", code), ("code_verifier", verifier + "x"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));

        var good = await CodeAsync("kim", null, ("code_challenge", challenge), ("code_challenge_method", "S256"));
        var (ok, _) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("redirect_uri", Browser.Callback), ("code", good), ("code_verifier", verifier));
        Assert.Equal(HttpStatusCode.OK, ok);
    }
}

/// <summary>Kakao with "client secret" enabled in the console.</summary>
public sealed class KakaoSecretRequiredTests : EmulatorTest
{
    protected override void Configure(EmulatorOptions options) => options.KakaoRequireSecret = true;

    [Fact]
    public void Client_reports_the_secret_as_required() => Assert.True(Emulator.Client("kakao").SecretRequired);

    [Fact]
    public async Task Secret_is_read_from_the_form_body_only()
    {
        var app = Emulator.Client("kakao");
        var token = Emulator.EndpointsFor("kakao").TokenEndpoint;
        var code = await Browser.CodeAsync("kakao", Browser.AuthorizeUrl("kakao"));

        using var basic = new HttpRequestMessage(HttpMethod.Post, token)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("client_id", app.ClientId), new("redirect_uri", Browser.Callback), new("code", code)]),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Support.Api.Basic(app.ClientId, app.ClientSecret));
        using var refused = await Browser.Http.SendAsync(basic);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("KOE010", (await refused.JsonAsync()).Str("error_code"));

        var again = await Browser.CodeAsync("kakao", Browser.AuthorizeUrl("kakao"));
        using var body = await Browser.Http.PostFormAsync(token, ("grant_type", "authorization_code"), ("client_id", app.ClientId),
            ("redirect_uri", Browser.Callback), ("code", again), ("client_secret", app.ClientSecret));
        Assert.Equal(HttpStatusCode.OK, body.StatusCode);
    }
}
