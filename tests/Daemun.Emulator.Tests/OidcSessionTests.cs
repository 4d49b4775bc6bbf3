using System.Net;
using System.Text.Json;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>Generic OIDC and Google: re-authentication (prompt=login, max_age) and auth_time, refresh rotation, revoked and disconnected grants.</summary>
public sealed class OidcSessionTests : EmulatorTest
{
    private const string ReauthNotice = "비밀번호 다시 입력 / Re-enter password (emulated)";

    private string AuthorizeUrl(params (string, string?)[] extra) => Browser.AuthorizeUrl("oidc", [("scope", "openid email profile"), ("state", "st"), .. extra]);

    private async Task<(HttpStatusCode Status, JsonElement Json)> TokenAsync(string provider, params (string, string?)[] fields)
    {
        var app = Emulator.Client(provider);
        using var response = await Browser.Http.PostFormAsync(Emulator.EndpointsFor(provider).TokenEndpoint,
            [("client_id", app.ClientId), ("client_secret", app.ClientSecret), .. fields]);
        return (response.StatusCode, await response.JsonAsync());
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> RefreshAsync(string provider, string refreshToken) =>
        TokenAsync(provider, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    private async Task<JsonElement> SignInAsync(string person = "kim", params (string, string?)[] extra)
    {
        var code = await Browser.CodeAsync("oidc", AuthorizeUrl(extra), person);
        var (status, token) = await TokenAsync("oidc", ("grant_type", "authorization_code"), ("redirect_uri", Browser.Callback), ("code", code));
        Assert.Equal(HttpStatusCode.OK, status);
        return token;
    }

    private async Task<JsonElement> GoogleSignInAsync(params (string, string?)[] extra)
    {
        var (verifier, challenge) = Api.Pkce();
        var url = Browser.AuthorizeUrl("google", [("scope", "openid email"), ("state", "st"), ("code_challenge", challenge), ("code_challenge_method", "S256"), .. extra]);
        var code = await Browser.CodeAsync("google", url);
        var (status, token) = await TokenAsync("google", ("grant_type", "authorization_code"), ("redirect_uri", Browser.Callback), ("code", code), ("code_verifier", verifier));
        Assert.Equal(HttpStatusCode.OK, status);
        return token;
    }

    private static long AuthTime(JsonElement token) => Jwt.Parse(token.Str("id_token")).Payload.GetProperty("auth_time").GetInt64();

    private long Unix => Clock.GetUtcNow().ToUnixTimeSeconds();

    // ---- re-authentication and auth_time ----

    [Fact]
    public async Task Auth_time_stays_the_sessions_login_time_for_the_same_person()
    {
        var loginAt = Unix;
        await SignInAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(loginAt, AuthTime(await SignInAsync()));
    }

    [Fact]
    public async Task Prompt_login_shows_the_password_notice_and_sets_auth_time_to_now()
    {
        await SignInAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        var (_, html) = await Browser.OpenConsentPageAsync(AuthorizeUrl(("prompt", "login")));
        Assert.Contains(ReauthNotice, html, StringComparison.Ordinal);
        var reauthAt = Unix;
        Assert.Equal(reauthAt, AuthTime(await SignInAsync(extra: ("prompt", "login"))));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(reauthAt, AuthTime(await SignInAsync()));
    }

    [Fact]
    public async Task Max_age_0_forces_a_new_login()
    {
        await SignInAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        var (_, html) = await Browser.OpenConsentPageAsync(AuthorizeUrl(("max_age", "0")));
        Assert.Contains(ReauthNotice, html, StringComparison.Ordinal);
        Assert.Equal(Unix, AuthTime(await SignInAsync(extra: ("max_age", "0"))));
        Assert.Equal("0", Emulator.Requests.Last(r => r.Endpoint == EmulatorEndpoint.Authorize).Query["max_age"]);
    }

    [Fact]
    public async Task Max_age_forces_a_new_login_only_when_the_session_is_older()
    {
        var loginAt = Unix;
        await SignInAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));
        var (_, young) = await Browser.OpenConsentPageAsync(AuthorizeUrl(("max_age", "600")));
        Assert.DoesNotContain(ReauthNotice, young, StringComparison.Ordinal);
        Assert.Equal(loginAt, AuthTime(await SignInAsync(extra: ("max_age", "600"))));

        Clock.Advance(TimeSpan.FromMinutes(10));
        var (_, old) = await Browser.OpenConsentPageAsync(AuthorizeUrl(("max_age", "600")));
        Assert.Contains(ReauthNotice, old, StringComparison.Ordinal);
        Assert.Equal(Unix, AuthTime(await SignInAsync(extra: ("max_age", "600"))));
    }

    [Fact]
    public async Task Another_person_on_the_consent_page_is_a_new_login()
    {
        await SignInAsync("kim");
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Unix, AuthTime(await SignInAsync("jane")));
    }

    [Fact]
    public async Task Prompt_none_answers_with_the_sessions_auth_time()
    {
        var loginAt = Unix;
        await SignInAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        using var response = await Browser.Http.GetAsync(new Uri(AuthorizeUrl(("prompt", "none"))));
        var code = Browser.Query(response.Headers.Location!.OriginalString)["code"];
        var (_, token) = await TokenAsync("oidc", ("grant_type", "authorization_code"), ("redirect_uri", Browser.Callback), ("code", code));
        Assert.Equal(loginAt, AuthTime(token));
    }

    [Fact]
    public async Task Google_prompt_login_sets_auth_time_to_now()
    {
        var loginAt = Unix;
        await GoogleSignInAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(loginAt, AuthTime(await GoogleSignInAsync()));
        Assert.Equal(Unix, AuthTime(await GoogleSignInAsync(("prompt", "login"))));
    }

    [Fact]
    public async Task A_session_cookie_holding_only_a_person_id_is_a_new_login_not_an_error()
    {
        Browser.Http.DefaultRequestHeaders.Add("Cookie", "emulator_oidc_session=kim");
        var (_, html) = await Browser.OpenConsentPageAsync(AuthorizeUrl(("max_age", "600")));
        Assert.Contains(ReauthNotice, html, StringComparison.Ordinal);
        Assert.Equal(Unix, AuthTime(await SignInAsync()));
    }

    // ---- refresh rules ----

    [Fact]
    public async Task Oidc_refresh_rotates_the_refresh_token_and_the_old_one_is_invalid_grant()
    {
        var first = await SignInAsync();
        var (status, refreshed) = await RefreshAsync("oidc", first.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(first.Str("refresh_token"), refreshed.Str("refresh_token"));

        var (oldStatus, old) = await RefreshAsync("oidc", first.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.BadRequest, oldStatus);
        Assert.Equal("invalid_grant", old.Str("error"));
        var (newStatus, _) = await RefreshAsync("oidc", refreshed.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.OK, newStatus);
    }

    [Fact]
    public async Task Oidc_refresh_keeps_the_refresh_token_when_rotation_is_off()
    {
        Emulator.Options.OidcRotatesRefreshTokens = false;
        var first = await SignInAsync();
        var (_, refreshed) = await RefreshAsync("oidc", first.Str("refresh_token"));
        Assert.False(refreshed.Has("refresh_token"));
        var (again, _) = await RefreshAsync("oidc", first.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public void Oidc_rotation_is_on_by_default() => Assert.True(new EmulatorOptions().OidcRotatesRefreshTokens);

    [Fact]
    public async Task Google_refresh_does_not_rotate()
    {
        var first = await GoogleSignInAsync(("access_type", "offline"));
        var (_, refreshed) = await RefreshAsync("google", first.Str("refresh_token"));
        Assert.False(refreshed.Has("refresh_token"));
        var (again, _) = await RefreshAsync("google", first.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Theory]
    [InlineData("oidc")]
    [InlineData("google")]
    public async Task Refresh_of_a_revoked_grant_is_400_invalid_grant(string provider)
    {
        var token = provider == "oidc" ? await SignInAsync() : await GoogleSignInAsync(("access_type", "offline"));
        using (var revoke = await Browser.Http.PostFormAsync(Emulator.EndpointsFor(provider).RevocationEndpoint!, ("token", token.Str("access_token"))))
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var (status, json) = await RefreshAsync(provider, token.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
    }

    [Theory]
    [InlineData("oidc")]
    [InlineData("google")]
    public async Task Disconnect_kills_access_and_refresh_tokens(string provider)
    {
        var token = provider == "oidc" ? await SignInAsync() : await GoogleSignInAsync(("access_type", "offline"));
        Emulator.Disconnect(provider, "kim");
        using (var me = await Browser.Http.GetWithBearerAsync(Emulator.EndpointsFor(provider).UserInfoEndpoint, token.Str("access_token")))
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        var (status, json) = await RefreshAsync(provider, token.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
    }

    [Fact]
    public async Task Disconnect_forgets_consent_so_prompt_none_needs_consent_again()
    {
        await SignInAsync();
        Emulator.Disconnect("oidc", "kim");
        using var response = await Browser.Http.GetAsync(new Uri(AuthorizeUrl(("prompt", "none"))));
        Assert.Equal("consent_required", Browser.Query(response.Headers.Location!.OriginalString)["error"]);
        Assert.Throws<ArgumentException>(() => Emulator.Disconnect("nope", "kim"));
    }
}
