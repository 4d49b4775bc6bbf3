using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>docs/providers/naver.md §1 and §5 (remembered consent, auth_type), §7 (OpenID Connect) and §8 (unlink notification).</summary>
public sealed class NaverSessionTests : EmulatorTest
{
    private const string ReauthNotice = "비밀번호 다시 입력 / Re-enter password (emulated)";

    private EmulatorClient App => Emulator.Client("naver");
    private ProviderEndpoints Classic => Emulator.EndpointsFor("naver");
    private ProviderEndpoints Oidc => Emulator.OidcEndpointsFor("naver");

    private string ClassicUrl(params (string, string?)[] extra) => Browser.AuthorizeUrl("naver", [("state", "st-1"), .. extra]);

    private string OidcUrl(params (string, string?)[] extra)
    {
        (string, string?)[] basics = [("response_type", "code"), ("client_id", App.ClientId), ("redirect_uri", Browser.Callback), ("state", "st-1")];
        return Browser.Url(Oidc.AuthorizationEndpoint, basics.Concat(extra));
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string url, params (string, string?)[] fields)
    {
        using var response = await Browser.Http.PostFormAsync(url, fields);
        return (response.StatusCode, await response.JsonAsync());
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> ClassicExchangeAsync(string code) =>
        PostAsync(Classic.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("code", code), ("state", "st-1"));

    private Task<(HttpStatusCode Status, JsonElement Json)> OidcExchangeAsync(string code, string? verifier = null) =>
        PostAsync(Oidc.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret),
            ("code", code), ("redirect_uri", Browser.Callback), ("code_verifier", verifier));

    private async Task<JsonElement> OidcSignInAsync(string person = "kim", string[]? decline = null, params (string, string?)[] extra)
    {
        var code = await Browser.CodeAsync("naver", OidcUrl([("scope", "openid"), .. extra]), person, decline ?? []);
        var (status, token) = await OidcExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, status);
        return token;
    }

    private async Task<string> AllowedProfileAsync(string accessToken)
    {
        using var response = await Browser.Http.GetWithBearerAsync(Emulator.BaseAddress + "/naver/v1/nid/verify?info=true", accessToken);
        return (await response.JsonAsync()).GetProperty("response").Str("allowed_profile");
    }

    private async Task<JsonElement> JwksAsync()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Oidc.JwksUri!));
        return await response.JsonAsync();
    }

    private static long AuthTime(JsonElement token) => Jwt.Parse(token.Str("id_token")).Payload.GetProperty("auth_time").GetInt64();

    private long Unix => Clock.GetUtcNow().ToUnixTimeSeconds();

    // ---- §1 auth_type=autologin: only in the Naver app, never a page ----

    private const string NaverApp = "Mozilla/5.0 (iPhone; CPU iPhone OS like Mac OS X) AppleWebKit/605.1.15 NAVER(inapp; search; 620; 10.10.2; XR)";

    private async Task<Dictionary<string, string>> AutoLoginAsync(string userAgent, bool oidc = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, oidc ? OidcUrl(("scope", "openid"), ("auth_type", "autologin")) : ClassicUrl(("auth_type", "autologin")));
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        using var response = await Browser.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // straight back to the app: autologin never shows a page
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(Browser.Callback, location, StringComparison.Ordinal);
        return Browser.Query(location);
    }

    [Fact]
    public async Task Autologin_without_a_Naver_login_answers_user_not_logged_in()
    {
        var answer = await AutoLoginAsync(NaverApp);
        Assert.Equal(("access_denied", "user not logged in.", "st-1"), (answer["error"], answer["error_description"], answer["state"]));
    }

    [Fact]
    public async Task Autologin_of_a_person_logged_in_who_never_consented_to_this_app_answers_need_user_consent()
    {
        await Browser.CodeAsync("naver", ClassicUrl(), "kim"); // logged in at Naver, consented to the app…
        Emulator.Disconnect("naver", "kim");                    // …then disconnected it in their Naver settings
        var answer = await AutoLoginAsync(NaverApp);
        Assert.Equal(("access_denied", "need user consent."), (answer["error"], answer["error_description"]));
    }

    [Fact]
    public async Task Autologin_outside_the_Naver_app_answers_unsupported_browser_environment()
    {
        await Browser.CodeAsync("naver", ClassicUrl(), "kim");
        var answer = await AutoLoginAsync("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36");
        Assert.Equal(("access_denied", "unsupported browser environment."), (answer["error"], answer["error_description"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Autologin_of_a_logged_in_person_who_consented_gives_a_code_at_once(bool oidc)
    {
        await Browser.CodeAsync("naver", ClassicUrl(), "kim", "email");

        var answer = await AutoLoginAsync(NaverApp, oidc);

        Assert.Equal("st-1", answer["state"]);
        if (!oidc)
        {
            var (_, token) = await ClassicExchangeAsync(answer["code"]);
            Assert.DoesNotContain("email", await AllowedProfileAsync(token.Str("access_token")), StringComparison.Ordinal); // the remembered declines hold
        }
        else
        {
            var (status, token) = await OidcExchangeAsync(answer["code"]);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(token.Has("id_token"));
        }
    }

    // ---- §1/§5 remembered consent and auth_type=reprompt ----

    [Fact]
    public async Task Items_declined_before_stay_declined_without_reprompt_shown_checked_and_disabled()
    {
        await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "kim", "email", "mobile"));

        var (requestId, html) = await Browser.OpenConsentPageAsync(ClassicUrl());
        Assert.Contains("value=\"email\" checked disabled", html, StringComparison.Ordinal);
        Assert.Contains("value=\"mobile\" checked disabled", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"nickname\" checked", html, StringComparison.Ordinal);

        // The POST tries to share everything: the earlier declines are kept anyway.
        var code = Browser.Query(await Browser.SubmitConsentAsync("naver", requestId, "kim"))["code"];
        var (_, token) = await ClassicExchangeAsync(code);
        Assert.Equal("nickname,name,gender,age,birthday,birthyear,profile_image", await AllowedProfileAsync(token.Str("access_token")));
    }

    [Fact]
    public async Task Declined_set_only_grows_without_reprompt()
    {
        await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "kim", "email"));
        var (_, token) = await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "kim", "gender"));
        Assert.Equal("nickname,name,age,birthday,birthyear,mobile,profile_image", await AllowedProfileAsync(token.Str("access_token")));
    }

    [Fact]
    public async Task Auth_type_reprompt_lets_the_person_share_declined_items_again()
    {
        await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "kim", "email", "mobile"));

        var (requestId, html) = await Browser.OpenConsentPageAsync(ClassicUrl(("auth_type", "reprompt")));
        Assert.DoesNotContain("disabled", html, StringComparison.Ordinal);
        var code = Browser.Query(await Browser.SubmitConsentAsync("naver", requestId, "kim"))["code"];
        var (_, token) = await ClassicExchangeAsync(code);
        Assert.Equal("email,nickname,name,gender,age,birthday,birthyear,mobile,profile_image", await AllowedProfileAsync(token.Str("access_token")));
        Assert.Equal("reprompt", Emulator.Requests.Last(r => r.Endpoint == EmulatorEndpoint.Authorize).Query["auth_type"]);
    }

    [Fact]
    public async Task Remembered_declines_belong_to_the_person_who_declined()
    {
        await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "kim", "email"));
        var (_, token) = await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "jane"));
        Assert.StartsWith("email,", await AllowedProfileAsync(token.Str("access_token")), StringComparison.Ordinal);
    }

    // ---- re-authentication and auth_time ----

    [Fact]
    public async Task Signing_in_again_with_a_session_keeps_the_original_auth_time()
    {
        var loginAt = Unix;
        Assert.Equal(loginAt, AuthTime(await OidcSignInAsync()));
        Clock.Advance(TimeSpan.FromMinutes(10));
        var (_, html) = await Browser.OpenConsentPageAsync(OidcUrl(("scope", "openid")));
        Assert.DoesNotContain(ReauthNotice, html, StringComparison.Ordinal);
        Assert.Equal(loginAt, AuthTime(await OidcSignInAsync()));
    }

    [Fact]
    public async Task Auth_type_reauthenticate_shows_the_password_notice_and_sets_auth_time_to_now()
    {
        await OidcSignInAsync();
        Clock.Advance(TimeSpan.FromMinutes(10));
        var (_, html) = await Browser.OpenConsentPageAsync(OidcUrl(("scope", "openid"), ("auth_type", "reauthenticate")));
        Assert.Contains(ReauthNotice, html, StringComparison.Ordinal);

        var reauthAt = Unix;
        Assert.Equal(reauthAt, AuthTime(await OidcSignInAsync(extra: ("auth_type", "reauthenticate"))));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(reauthAt, AuthTime(await OidcSignInAsync()));
    }

    [Fact]
    public async Task Choosing_another_person_is_a_new_login()
    {
        await OidcSignInAsync("kim");
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(Unix, AuthTime(await OidcSignInAsync("jane")));
    }

    [Fact]
    public async Task A_session_cookie_holding_only_a_person_id_counts_as_a_new_login()
    {
        Browser.Http.DefaultRequestHeaders.Add("Cookie", "emulator_naver_session=kim");
        Assert.Equal(Unix, AuthTime(await OidcSignInAsync()));
    }

    // ---- §7 OpenID Connect ----

    [Fact]
    public async Task Oidc_endpoints_use_oauth2_paths_and_the_classic_profile_as_userinfo()
    {
        var root = Emulator.BaseAddress + "/naver";
        Assert.Equal(root + "/oauth2/authorize", Oidc.AuthorizationEndpoint);
        Assert.Equal(root + "/oauth2/token", Oidc.TokenEndpoint);
        Assert.Equal(root + "/v1/nid/me", Oidc.UserInfoEndpoint);
        Assert.Equal(root, Oidc.Issuer);
        Assert.Equal(root + "/oauth2/jwks", Oidc.JwksUri);
        Assert.Equal(root + "/oauth2.0/authorize", Classic.AuthorizationEndpoint);
        Assert.Null(Classic.Issuer);
        Assert.Throws<ArgumentException>(() => Emulator.OidcEndpointsFor("google"));
    }

    [Fact]
    public async Task Oidc_discovery_names_issuer_jwks_userinfo_and_client_secret_post()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Oidc.DiscoveryEndpoint!));
        var config = await response.JsonAsync();
        Assert.Equal(Emulator.BaseAddress + "/naver", config.Str("issuer"));
        Assert.Equal(Emulator.BaseAddress + "/naver/oauth2/jwks", config.Str("jwks_uri"));
        Assert.Equal(Emulator.BaseAddress + "/naver/v1/nid/me", config.Str("userinfo_endpoint"));
        Assert.Equal(Emulator.BaseAddress + "/naver/oauth2/authorize", config.Str("authorization_endpoint"));
        Assert.Equal(Emulator.BaseAddress + "/naver/oauth2/token", config.Str("token_endpoint"));
        Assert.Equal(["client_secret_post"], config.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("S256", config.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Oidc_authorize_without_openid_scope_redirects_invalid_scope()
    {
        using var response = await Browser.Http.GetAsync(new Uri(OidcUrl(("scope", "profile"))));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = Browser.Query(response.Headers.Location!.OriginalString);
        Assert.Equal("invalid_scope", query["error"]);
        Assert.Equal("st-1", query["state"]);
    }

    [Fact]
    public async Task Oidc_token_has_an_RS256_id_token_with_the_documented_claims_and_string_expires_in()
    {
        var token = await OidcSignInAsync("kim", null, ("nonce", "n-123"));
        Assert.Equal("bearer", token.Str("token_type"));
        Assert.Equal("3600", token.Str("expires_in"));
        Assert.True(token.Has("refresh_token"));

        var jwt = Jwt.Parse(token.Str("id_token"));
        Assert.True(jwt.VerifiesWith(await JwksAsync()));
        Assert.False(string.IsNullOrEmpty(jwt.Header.Str("kid")));
        var claims = jwt.Payload;
        Assert.Equal(Emulator.BaseAddress + "/naver", claims.Str("iss"));
        Assert.Equal(App.ClientId, claims.Str("aud"));
        Assert.Equal("rQE_RsS0i5F8mZq3K2xYbVwT9uJcLdHnPo4gAeIs7fU", claims.Str("sub"));
        Assert.Equal("n-123", claims.Str("nonce"));
        Assert.Equal(Unix, claims.GetProperty("iat").GetInt64());
        Assert.True(claims.GetProperty("exp").GetInt64() > Unix);
        Assert.Equal(Unix, claims.GetProperty("auth_time").GetInt64());
        Assert.Equal("김민준", claims.Str("name"));
        Assert.Equal("minjun.kim@example.com", claims.Str("email"));
        Assert.Equal("민준", claims.Str("nickname"));
        Assert.True(claims.Has("picture"));
    }

    [Fact]
    public async Task Oidc_id_token_leaves_out_declined_items()
    {
        var token = await OidcSignInAsync("kim", ["email", "name", "nickname", "profile_image"]);
        var claims = Jwt.Parse(token.Str("id_token")).Payload;
        Assert.False(claims.Has("email"));
        Assert.False(claims.Has("name"));
        Assert.False(claims.Has("nickname"));
        Assert.False(claims.Has("picture"));
        Assert.False(claims.Has("nonce"));
    }

    [Fact]
    public async Task Oidc_tokens_work_on_the_classic_profile_verify_and_revoke()
    {
        var token = await OidcSignInAsync();
        var access = token.Str("access_token");
        using (var me = await Browser.Http.GetWithBearerAsync(Classic.UserInfoEndpoint, access))
            Assert.Equal("rQE_RsS0i5F8mZq3K2xYbVwT9uJcLdHnPo4gAeIs7fU", (await me.JsonAsync()).GetProperty("response").Str("id"));
        Assert.StartsWith("email,", await AllowedProfileAsync(access), StringComparison.Ordinal);

        using (var revoke = await Browser.Http.PostFormAsync(Classic.RevocationEndpoint!, ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("token", access)))
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using (var after = await Browser.Http.GetWithBearerAsync(Classic.UserInfoEndpoint, access))
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var (status, refreshed) = await PostAsync(Oidc.TokenEndpoint, ("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", token.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", refreshed.Str("error"));
    }

    [Fact]
    public async Task Oidc_refresh_returns_a_new_access_token_and_id_token_but_no_refresh_token()
    {
        var token = await OidcSignInAsync();
        var (status, refreshed) = await PostAsync(Oidc.TokenEndpoint, ("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", token.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(token.Str("access_token"), refreshed.Str("access_token"));
        Assert.Equal("3600", refreshed.Str("expires_in"));
        Assert.True(refreshed.Has("id_token"));
        Assert.False(refreshed.Has("refresh_token"));
    }

    [Fact]
    public async Task Oidc_pkce_S256_is_optional_and_checked_when_sent()
    {
        var (verifier, challenge) = Api.Pkce();
        var url = OidcUrl(("scope", "openid"), ("code_challenge", challenge), ("code_challenge_method", "S256"));
        var (status, json) = await OidcExchangeAsync(await Browser.CodeAsync("naver", url), "wrong-verifier");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
        (status, _) = await OidcExchangeAsync(await Browser.CodeAsync("naver", url), verifier);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Oidc_token_authenticates_the_client_with_client_secret_post()
    {
        var code = await Browser.CodeAsync("naver", OidcUrl(("scope", "openid")));
        var (status, json) = await PostAsync(Oidc.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", "wrong"), ("code", code));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", json.Str("error"));
    }

    // ---- revoked refresh at the classic API ----

    [Fact]
    public async Task Refresh_of_a_revoked_grant_answers_200_invalid_request()
    {
        var (_, token) = await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl()));
        using (await Browser.Http.PostFormAsync(Classic.RevocationEndpoint!, ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("token", token.Str("refresh_token")))) { }
        var (status, json) = await PostAsync(Classic.TokenEndpoint, ("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", token.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("invalid_request", json.Str("error"));
        Assert.False(json.Has("access_token"));
    }

    // ---- Disconnect and §8 unlink notification ----

    [Fact]
    public async Task Disconnect_kills_the_persons_tokens_and_forgets_the_declines()
    {
        var (_, token) = await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "kim", "email"));
        var (_, other) = await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl(), "jane"));
        Emulator.Disconnect("naver", "kim");

        using (var me = await Browser.Http.GetWithBearerAsync(Classic.UserInfoEndpoint, token.Str("access_token")))
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        var (_, refreshed) = await PostAsync(Classic.TokenEndpoint, ("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", token.Str("refresh_token")));
        Assert.Equal("invalid_request", refreshed.Str("error"));
        using (var jane = await Browser.Http.GetWithBearerAsync(Classic.UserInfoEndpoint, other.Str("access_token")))
            Assert.Equal(HttpStatusCode.OK, jane.StatusCode);

        // Sign in as kim again (the browser session is kim): nothing is remembered as declined.
        var (_, html) = await Browser.OpenConsentPageAsync(ClassicUrl());
        Assert.DoesNotContain("disabled", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_kills_a_code_not_yet_exchanged()
    {
        var code = await Browser.CodeAsync("naver", ClassicUrl());
        Emulator.Disconnect("naver", "kim");
        var (_, json) = await ClassicExchangeAsync(code);
        Assert.Equal("no valid data in session", json.Str("error_description"));
    }

    [Fact]
    public void Unlink_notification_is_encrypted_and_signed_as_documented()
    {
        var at = new DateTimeOffset(2025, 6, 1, 3, 0, 0, TimeSpan.Zero);
        var n = Emulator.CreateNaverUnlinkNotification("kim", at);
        Assert.Equal(App.ClientId, n.ClientId);
        Assert.Equal("1748746800", n.Timestamp);

#pragma warning disable CA5351 // MD5 is Naver's documented key derivation.
        var key = MD5.HashData(Encoding.UTF8.GetBytes(App.ClientSecret)).AsSpan(0, 16).ToArray();
#pragma warning restore CA5351
        Assert.DoesNotContain('=', n.EncryptUniqueId);
        var blob = Base64Url.DecodeFromChars(n.EncryptUniqueId);
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(blob.AsSpan(16), blob.AsSpan(0, 16), PaddingMode.PKCS7);
        Assert.Equal("rQE_RsS0i5F8mZq3K2xYbVwT9uJcLdHnPo4gAeIs7fU", Encoding.UTF8.GetString(plain));

        var signed = $"clientId={n.ClientId}&encryptUniqueId={n.EncryptUniqueId}&timestamp={n.Timestamp}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, n.Signature);

        Assert.Equal(
            [new("clientId", n.ClientId), new("encryptUniqueId", n.EncryptUniqueId), new("timestamp", n.Timestamp), new("signature", n.Signature)],
            n.Form);
    }

    [Fact]
    public void Unlink_notification_uses_a_fresh_iv_and_defaults_to_now()
    {
        var a = Emulator.CreateNaverUnlinkNotification("lee");
        var b = Emulator.CreateNaverUnlinkNotification("lee");
        Assert.NotEqual(a.EncryptUniqueId, b.EncryptUniqueId);
        Assert.Equal(Unix.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Timestamp);
        Assert.Throws<ArgumentException>(() => Emulator.CreateNaverUnlinkNotification("nobody"));
    }

    [Fact]
    public async Task Sending_the_unlink_notification_disconnects_first_then_posts_the_form()
    {
        var (_, token) = await ClassicExchangeAsync(await Browser.CodeAsync("naver", ClassicUrl()));
        // The emulator itself records any POST, so it serves as the service's notification URL here (it answers 404).
        using var response = await Emulator.SendNaverUnlinkNotificationAsync(new Uri(Emulator.BaseAddress + "/naver-unlink-sink"), "kim");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var requests = Emulator.Requests;
        var posted = requests[^1];
        Assert.Equal("POST", posted.Method);
        Assert.Equal("/naver-unlink-sink", posted.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", posted.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(App.ClientId, posted.Form["clientId"]);
        Assert.Equal(["clientId", "encryptUniqueId", "signature", "timestamp"], posted.Form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Unix.ToString(System.Globalization.CultureInfo.InvariantCulture), posted.Form["timestamp"]);

        using var me = await Browser.Http.GetWithBearerAsync(Classic.UserInfoEndpoint, token.Str("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
