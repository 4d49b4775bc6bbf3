using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>docs/providers/naver.md, one test per documented behaviour.</summary>
public sealed partial class NaverTests : EmulatorTest
{
    private EmulatorClient App => Emulator.Client("naver");
    private ProviderEndpoints Urls => Emulator.EndpointsFor("naver");

    private Task<string> CodeAsync(string person = "kim", params string[] decline) =>
        Browser.CodeAsync("naver", Browser.AuthorizeUrl("naver", ("state", "st-1")), person, decline);

    private async Task<(HttpResponseMessage Response, string Body)> TokenAsync(params (string, string?)[] fields)
    {
        var response = await Browser.Http.PostFormAsync(Urls.TokenEndpoint, fields);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> ExchangeAsync(string code)
    {
        var (response, body) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId),
            ("client_secret", App.ClientSecret), ("code", code), ("state", "st-1"));
        using (response) return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> AccessTokenAsync(string person = "kim", params string[] decline) =>
        (await ExchangeAsync(await CodeAsync(person, decline))).Str("access_token");

    [Fact]
    public async Task Token_expires_in_is_a_json_string()
    {
        var token = await ExchangeAsync(await CodeAsync());
        Assert.Equal(JsonValueKind.String, token.GetProperty("expires_in").ValueKind);
        Assert.Equal("3600", token.Str("expires_in"));
    }

    [Fact]
    public async Task Token_type_is_lowercase_bearer_and_tokens_use_documented_characters()
    {
        var token = await ExchangeAsync(await CodeAsync());
        Assert.Equal("bearer", token.Str("token_type"));
        Assert.Matches("^[A-Za-z0-9+/=]{1,256}$", token.Str("access_token"));
        Assert.Matches("^[A-Za-z0-9]{1,256}$", token.Str("refresh_token"));
    }

    [Fact]
    public async Task Token_request_works_as_GET_with_a_query_string()
    {
        var code = await CodeAsync();
        var url = Browser.Url(Urls.TokenEndpoint, [("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("code", code), ("state", "st-1")]);
        using var response = await Browser.Http.GetAsync(new Uri(url));
        Assert.True((await response.JsonAsync()).Has("access_token"));
    }

    [Fact]
    public async Task Code_is_single_use_and_reuse_answers_200_no_valid_data_in_session()
    {
        var code = await CodeAsync();
        await ExchangeAsync(code);
        var (response, body) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("code", code));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"error":"invalid_request","error_description":"no valid data in session"}""", body);
    }

    [Theory]
    [InlineData("st-attacker")] // the thief's own sign-in: a stolen code injected into it carries the thief's state
    [InlineData(null)]          // documented as required
    [InlineData("ST-1")]        // compared exactly
    public async Task Code_exchange_needs_the_state_of_the_authorization_request_that_issued_the_code(string? state)
    {
        var code = await CodeAsync();

        var (response, body) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret),
            ("code", code), ("state", state));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // Naver's errors come with 200
        Assert.Equal("""{"error":"invalid_request","error_description":"no valid data in session"}""", body);
        var (_, again) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret),
            ("code", code), ("state", "st-1"));
        Assert.Contains("no valid data in session", again, StringComparison.Ordinal); // the misused code is spent
    }

    [Fact]
    public async Task Code_exchange_with_the_right_state_ignores_an_undocumented_redirect_uri()
    {
        var (response, body) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret),
            ("code", await CodeAsync()), ("state", "st-1"), ("redirect_uri", "https://elsewhere.example/cb"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"access_token\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_exchange_needs_the_client_secret_of_the_client_the_code_was_issued_to()
    {
        var (response, body) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("code", await CodeAsync()), ("state", "st-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"error":"invalid_request","error_description":"wrong client id \/ client secret pair"}""", body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://elsewhere.example/cb")]
    public async Task Oidc_code_exchange_needs_the_redirect_uri_of_the_authorization_request(string? redirectUri)
    {
        var oidc = Emulator.OidcEndpointsFor("naver");
        var authorize = Browser.Url(oidc.AuthorizationEndpoint,
            [("response_type", "code"), ("client_id", App.ClientId), ("redirect_uri", Browser.Callback), ("state", "st-1"), ("scope", "openid")]);
        var code = await Browser.CodeAsync("naver", authorize, "kim");

        using var response = await Browser.Http.PostFormAsync(oidc.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", App.ClientId),
            ("client_secret", App.ClientSecret), ("code", code), ("redirect_uri", redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Errors_come_with_HTTP_200_for_a_wrong_client_secret()
    {
        var (response, body) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", "wrong"), ("code", await CodeAsync()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"error":"invalid_request","error_description":"wrong client id \/ client secret pair"}""", body);
    }

    [Fact]
    public async Task Code_expires_after_the_code_lifetime()
    {
        var code = await CodeAsync();
        Clock.Advance(Emulator.Options.CodeLifetime + TimeSpan.FromSeconds(1));
        var token = await ExchangeAsync(code);
        Assert.Equal("no valid data in session", token.Str("error_description"));
    }

    [Fact]
    public async Task Refresh_returns_a_new_access_token_and_no_refresh_token()
    {
        var first = await ExchangeAsync(await CodeAsync());
        var (_, body) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", first.Str("refresh_token")));
        var refreshed = JsonDocument.Parse(body).RootElement;
        Assert.NotEqual(first.Str("access_token"), refreshed.Str("access_token"));
        Assert.Equal("3600", refreshed.Str("expires_in"));
        Assert.False(refreshed.Has("refresh_token"));
    }

    [Fact]
    public async Task Profile_escapes_slash_and_non_ascii()
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, await AccessTokenAsync());
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains(Emulator.BaseAddress.Replace("/", "\\/", StringComparison.Ordinal) + @"\/people\/kim\/profile.svg", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("김민준", raw, StringComparison.Ordinal);
        Assert.Matches(@"\\u[0-9A-Fa-f]{4}", raw);
        Assert.DoesNotMatch("[^\\x00-\\x7F]", raw);
        var profile = JsonDocument.Parse(raw).RootElement.GetProperty("response");
        Assert.Equal("김민준", profile.Str("name"));
    }

    [Fact]
    public async Task Profile_envelope_has_resultcode_00_and_every_value_is_a_string()
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, await AccessTokenAsync());
        var json = await response.JsonAsync();
        Assert.Equal("00", json.Str("resultcode"));
        Assert.Equal("success", json.Str("message"));
        var profile = json.GetProperty("response");
        Assert.All(profile.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("rQE_RsS0i5F8mZq3K2xYbVwT9uJcLdHnPo4gAeIs7fU", profile.Str("id"));
        Assert.Equal("minjun.kim@example.com", profile.Str("email"));
        Assert.Equal("M", profile.Str("gender"));
        Assert.Equal("30-39", profile.Str("age"));
        Assert.Equal("08-15", profile.Str("birthday"));
        Assert.Equal("1990", profile.Str("birthyear"));
        Assert.Equal("010-1234-5678", profile.Str("mobile"));
        Assert.Equal("+821012345678", profile.Str("mobile_e164"));
        Assert.Equal("민준", profile.Str("nickname"));
    }

    [Fact]
    public async Task Profile_omits_declined_fields()
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, await AccessTokenAsync("kim", "email", "mobile", "birthday"));
        var profile = (await response.JsonAsync()).GetProperty("response");
        Assert.False(profile.Has("email"));
        Assert.False(profile.Has("mobile"));
        Assert.False(profile.Has("mobile_e164"));
        Assert.False(profile.Has("birthday"));
        Assert.True(profile.Has("name"));
    }

    [Fact]
    public async Task Person_without_email_has_no_email_field_and_an_old_style_numeric_id()
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, await AccessTokenAsync("lee"));
        var profile = (await response.JsonAsync()).GetProperty("response");
        Assert.False(profile.Has("email"));
        Assert.Equal("12345678", profile.Str("id"));
    }

    [Fact]
    public async Task Profile_without_authorization_header_is_401_resultcode_028()
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"resultcode":"028","message":"Authentication header not exists"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Profile_with_unknown_token_is_401_resultcode_024()
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, "AAAAnot-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("024", json.Str("resultcode"));
        Assert.Equal("Authentication failed (인증 실패하였습니다.)", json.Str("message"));
    }

    [Fact]
    public async Task Profile_with_expired_token_is_401_resultcode_024()
    {
        var token = await AccessTokenAsync();
        Clock.Advance(TimeSpan.FromSeconds(3600));
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("024", (await response.JsonAsync()).Str("resultcode"));
    }

    [Fact]
    public async Task Profile_accepts_POST()
    {
        using var response = await Browser.Http.PostWithBearerAsync(Urls.UserInfoEndpoint, await AccessTokenAsync());
        Assert.Equal("00", (await response.JsonAsync()).Str("resultcode"));
    }

    [Fact]
    public async Task Verify_with_info_lists_allowed_profile()
    {
        var token = await AccessTokenAsync("kim", "email", "mobile");
        using var response = await Browser.Http.GetWithBearerAsync(Emulator.BaseAddress + "/naver/v1/nid/verify?info=true", token);
        var verified = (await response.JsonAsync()).GetProperty("response");
        Assert.Equal(token, verified.Str("token"));
        Assert.True(verified.Has("expire_date"));
        Assert.Equal("nickname,name,gender,age,birthday,birthyear,profile_image", verified.Str("allowed_profile"));

        using var plain = await Browser.Http.GetWithBearerAsync(Emulator.BaseAddress + "/naver/v1/nid/verify", token);
        Assert.False((await plain.JsonAsync()).GetProperty("response").Has("allowed_profile"));
    }

    [Fact]
    public async Task Revoke_kills_both_tokens_of_the_pair_and_answers_200_empty()
    {
        var token = await ExchangeAsync(await CodeAsync());
        using var revoke = await Browser.Http.PostFormAsync(Urls.RevocationEndpoint!, ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("token", token.Str("access_token")));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("", await revoke.Content.ReadAsStringAsync());

        using var me = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token.Str("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        var (_, body) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", token.Str("refresh_token")));
        Assert.Contains("\"error\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("revoke")]
    [InlineData("delete")]
    public async Task An_expired_access_token_cannot_unlink_success_is_answered_but_the_refresh_token_lives_on(string call)
    {
        var token = await ExchangeAsync(await CodeAsync());
        Clock.Advance(TimeSpan.FromSeconds(3600));
        if (call == "revoke")
        {
            using var revoke = await Browser.Http.PostFormAsync(Urls.RevocationEndpoint!, ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("token", token.Str("access_token")));
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }
        else
        {
            var (_, deleted) = await TokenAsync(("grant_type", "delete"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret),
                ("access_token", token.Str("access_token")), ("service_provider", "NAVER"));
            Assert.Contains("\"success\"", deleted, StringComparison.Ordinal);
        }

        var (_, body) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", token.Str("refresh_token")));
        Assert.Contains("\"access_token\"", body, StringComparison.Ordinal); // still linked: the guide says to refresh first
    }

    [Fact]
    public async Task Revoke_with_bad_client_credentials_is_401_unauthorized_client()
    {
        using var revoke = await Browser.Http.PostFormAsync(Urls.RevocationEndpoint!, ("client_id", App.ClientId), ("client_secret", "nope"), ("token", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, revoke.StatusCode);
        Assert.Equal("unauthorized_client", (await revoke.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Legacy_delete_grant_answers_success_even_for_an_unknown_token()
    {
        var (response, body) = await TokenAsync(("grant_type", "delete"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret),
            ("access_token", "AAAA+unknown/=="), ("service_provider", "NAVER"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("success", json.Str("result"));
        Assert.Equal("AAAA+unknown/==", json.Str("access_token"));
    }

    [Fact]
    public async Task Legacy_delete_grant_revokes_the_token()
    {
        var token = await AccessTokenAsync();
        await TokenAsync(("grant_type", "delete"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("access_token", token), ("service_provider", "NAVER"));
        using var me = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Authorize_without_state_redirects_with_invalid_request()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("naver")));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("invalid_request", Browser.Query(response.Headers.Location!.OriginalString)["error"]);
    }

    [Fact]
    public async Task Authorize_with_unknown_client_redirects_with_unauthorized_client()
    {
        var url = Browser.Url(Urls.AuthorizationEndpoint, [("response_type", "code"), ("client_id", "nobody"), ("redirect_uri", Browser.Callback), ("state", "s")]);
        using var response = await Browser.Http.GetAsync(new Uri(url));
        var query = Browser.Query(response.Headers.Location!.OriginalString);
        Assert.Equal("unauthorized_client", query["error"]);
        Assert.Equal("s", query["state"]);
    }

    [Fact]
    public async Task Authorize_records_auth_type()
    {
        await Browser.OpenConsentAsync(Browser.AuthorizeUrl("naver", ("state", "s"), ("auth_type", "reprompt")));
        Assert.Equal("reprompt", Emulator.Requests.Last(r => r.Endpoint == EmulatorEndpoint.Authorize).Query["auth_type"]);
    }

    [Fact]
    public async Task Success_callback_echoes_state_exactly()
    {
        var state = "a b+c/ä=&x";
        var query = await Browser.SignInAsync("naver", Browser.AuthorizeUrl("naver", ("state", state)));
        Assert.Equal(state, query["state"]);
        Assert.Matches(AlphanumericPattern(), query["code"]);
    }

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex AlphanumericPattern();
}
