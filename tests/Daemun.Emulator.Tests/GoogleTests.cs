using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>Google's OpenID Connect endpoints as the emulator serves them.</summary>
public sealed class GoogleTests : EmulatorTest
{
    private EmulatorClient App => Emulator.Client("google");
    private ProviderEndpoints Urls => Emulator.EndpointsFor("google");

    private string AuthorizeUrl(string challenge, string scope = "openid email profile", params (string, string?)[] extra) =>
        Browser.AuthorizeUrl("google", [("scope", scope), ("state", "st"), ("code_challenge", challenge), ("code_challenge_method", "S256"), .. extra]);

    private async Task<(HttpStatusCode Status, JsonElement Json)> TokenAsync(params (string, string?)[] fields)
    {
        using var response = await Browser.Http.PostFormAsync(Urls.TokenEndpoint, fields);
        return (response.StatusCode, await response.JsonAsync());
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> ExchangeAsync(string code, string? verifier, string redirectUri = Browser.Callback) =>
        TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret),
            ("redirect_uri", redirectUri), ("code", code), ("code_verifier", verifier));

    private async Task<JsonElement> SignInAsync(string person = "kim", string[]? decline = null, string scope = "openid email profile", params (string, string?)[] extra)
    {
        var (verifier, challenge) = Api.Pkce();
        var code = await Browser.CodeAsync("google", AuthorizeUrl(challenge, scope, extra), person, decline ?? []);
        var (status, token) = await ExchangeAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        return token;
    }

    private async Task<JsonElement> JwksAsync()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Urls.JwksUri!));
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Discovery_lists_the_endpoints_and_capabilities()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Emulator.BaseAddress + "/google/.well-known/openid-configuration"));
        var config = await response.JsonAsync();
        Assert.Equal(Emulator.BaseAddress + "/google", config.Str("issuer"));
        Assert.Equal(Urls.AuthorizationEndpoint, config.Str("authorization_endpoint"));
        Assert.Equal(Emulator.BaseAddress + "/google/o/oauth2/v2/auth", config.Str("authorization_endpoint"));
        Assert.Equal(Emulator.BaseAddress + "/google/token", config.Str("token_endpoint"));
        Assert.Equal(Emulator.BaseAddress + "/google/v1/userinfo", config.Str("userinfo_endpoint"));
        Assert.Equal(Emulator.BaseAddress + "/google/oauth2/v3/certs", config.Str("jwks_uri"));
        Assert.Equal(["code"], config.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["RS256"], config.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], config.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(config.Has("subject_types_supported"));
        Assert.True(config.Has("scopes_supported"));
        Assert.True(config.Has("token_endpoint_auth_methods_supported"));
        Assert.True(config.Has("claims_supported"));
    }

    [Fact]
    public async Task Id_token_verifies_with_the_published_key_and_carries_the_documented_claims()
    {
        var token = await SignInAsync(extra: ("nonce", "nonce-123"));
        Assert.Equal("Bearer", token.Str("token_type"));
        Assert.Equal(3599, token.GetProperty("expires_in").GetInt32());
        var jwt = Jwt.Parse(token.Str("id_token"));
        Assert.True(jwt.VerifiesWith(await JwksAsync()));
        Assert.False(string.IsNullOrEmpty(jwt.Header.Str("kid")));
        var claims = jwt.Payload;
        Assert.Equal(Emulator.BaseAddress + "/google", claims.Str("iss"));
        Assert.Equal(App.ClientId, claims.Str("aud"));
        Assert.Equal(App.ClientId, claims.Str("azp"));
        Assert.Equal("109876543210987654321", claims.Str("sub"));
        Assert.Equal("minjun.kim@example.com", claims.Str("email"));
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
        Assert.Equal("김민준", claims.Str("name"));
        Assert.Equal(Emulator.BaseAddress + "/people/kim/profile.svg", claims.Str("picture"));
        Assert.Equal("nonce-123", claims.Str("nonce"));
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Nonce_is_absent_when_the_request_had_none()
    {
        var jwt = Jwt.Parse((await SignInAsync()).Str("id_token"));
        Assert.False(jwt.Payload.Has("nonce"));
    }

    [Fact]
    public async Task Rotation_signs_with_a_new_kid_and_the_jwks_keeps_the_old_one()
    {
        var before = Jwt.Parse((await SignInAsync()).Str("id_token"));
        Emulator.RotateSigningKey("google");
        var after = Jwt.Parse((await SignInAsync()).Str("id_token"));
        Assert.NotEqual(before.Header.Str("kid"), after.Header.Str("kid"));

        var jwks = await JwksAsync();
        var kids = jwks.GetProperty("keys").EnumerateArray().Select(k => k.Str("kid")).ToList();
        Assert.Equal([after.Header.Str("kid"), before.Header.Str("kid")], kids);
        Assert.True(before.VerifiesWith(jwks));
        Assert.True(after.VerifiesWith(jwks));
    }

    [Fact]
    public async Task Authorize_without_code_challenge_redirects_invalid_request_when_pkce_is_required()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("google", ("scope", "openid"), ("state", "st"))));
        var query = Browser.Query(response.Headers.Location!.OriginalString);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("st", query["state"]);
    }

    [Fact]
    public async Task Pkce_verifier_mismatch_is_refused_with_invalid_grant()
    {
        var (_, challenge) = Api.Pkce();
        var code = await Browser.CodeAsync("google", AuthorizeUrl(challenge));
        var (status, json) = await ExchangeAsync(code, Api.Pkce().Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
    }

    [Fact]
    public async Task Pkce_missing_verifier_is_refused_with_invalid_grant()
    {
        var code = await Browser.CodeAsync("google", AuthorizeUrl(Api.Pkce().Challenge));
        var (status, json) = await ExchangeAsync(code, verifier: null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        var (verifier, challenge) = Api.Pkce();
        var code = await Browser.CodeAsync("google", AuthorizeUrl(challenge));
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(code, verifier)).Status);
        var (status, json) = await ExchangeAsync(code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.Str("error"));
    }

    [Fact]
    public async Task Redirect_uri_must_equal_the_authorize_one()
    {
        var (verifier, challenge) = Api.Pkce();
        var code = await Browser.CodeAsync("google", AuthorizeUrl(challenge));
        var (status, json) = await ExchangeAsync(code, verifier, "http://127.0.0.1:5000/other");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("redirect_uri_mismatch", json.Str("error"));
    }

    [Fact]
    public async Task Wrong_client_secret_is_401_invalid_client()
    {
        var (status, json) = await TokenAsync(("grant_type", "authorization_code"), ("client_id", App.ClientId), ("client_secret", "nope"), ("code", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", json.Str("error"));
    }

    [Fact]
    public async Task Refresh_token_is_issued_only_with_access_type_offline()
    {
        Assert.False((await SignInAsync()).Has("refresh_token"));
        var offline = await SignInAsync(extra: ("access_type", "offline"));
        var (status, refreshed) = await TokenAsync(("grant_type", "refresh_token"), ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("refresh_token", offline.Str("refresh_token")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(refreshed.Has("access_token"));
        Assert.True(refreshed.Has("id_token"));
        Assert.False(refreshed.Has("refresh_token"));
    }

    [Fact]
    public async Task Scope_is_answered_with_the_long_userinfo_urls()
    {
        var token = await SignInAsync();
        Assert.Equal("openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile", token.Str("scope"));
    }

    [Fact]
    public async Task Userinfo_returns_claims_for_the_bearer_token()
    {
        var token = await SignInAsync("park");
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token.Str("access_token"));
        var info = await response.JsonAsync();
        Assert.Equal("jihoon.park@example.com", info.Str("email"));
        Assert.False(info.GetProperty("email_verified").GetBoolean());
        Assert.Equal("박지훈", info.Str("name"));
        Assert.Equal("지훈", info.Str("given_name"));
    }

    [Fact]
    public async Task Declining_email_removes_email_claims()
    {
        var token = await SignInAsync("kim", ["email"]);
        Assert.False(Jwt.Parse(token.Str("id_token")).Payload.Has("email"));
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token.Str("access_token"));
        var info = await response.JsonAsync();
        Assert.False(info.Has("email"));
        Assert.False(info.Has("email_verified"));
        Assert.True(info.Has("name"));
    }

    [Fact]
    public async Task Userinfo_with_an_expired_token_is_401_invalid_credentials()
    {
        var token = await SignInAsync();
        Clock.Advance(TimeSpan.FromSeconds(3599));
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token.Str("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid Credentials", (await response.JsonAsync()).Str("error_description"));
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_client_shows_a_401_page_without_redirecting()
    {
        var url = Browser.Url(Urls.AuthorizationEndpoint, [("response_type", "code"), ("client_id", "nobody"), ("redirect_uri", Browser.Callback), ("scope", "openid")]);
        using var response = await Browser.Http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Revoke_ends_the_token()
    {
        var token = await SignInAsync();
        using var revoke = await Browser.Http.PostFormAsync(Urls.RevocationEndpoint!, ("token", token.Str("access_token")));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, token.Str("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>Google with PKCE not required: a code issued without a challenge needs no verifier, and refuses one.</summary>
public sealed class GooglePkceOptionalTests : EmulatorTest
{
    protected override void Configure(EmulatorOptions options) => options.GoogleRequirePkce = false;

    [Fact]
    public async Task Code_without_challenge_is_exchangeable_only_without_a_verifier()
    {
        var app = Emulator.Client("google");
        var url = Browser.AuthorizeUrl("google", ("scope", "openid"));
        async Task<HttpStatusCode> Exchange(string? verifier)
        {
            var code = await Browser.CodeAsync("google", url);
            using var response = await Browser.Http.PostFormAsync(Emulator.EndpointsFor("google").TokenEndpoint, ("grant_type", "authorization_code"),
                ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("redirect_uri", Browser.Callback), ("code", code), ("code_verifier", verifier));
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Exchange(null));
        Assert.Equal(HttpStatusCode.BadRequest, await Exchange(Api.Pkce().Verifier));
    }
}

/// <summary>The generic OIDC peer: both client authentication methods, PKCE optional.</summary>
public sealed class OidcTests : EmulatorTest
{
    private EmulatorClient App => Emulator.Client("oidc");
    private ProviderEndpoints Urls => Emulator.EndpointsFor("oidc");

    private Task<string> CodeAsync(params (string, string?)[] extra) =>
        Browser.CodeAsync("oidc", Browser.AuthorizeUrl("oidc", [("scope", "openid email profile"), .. extra]));

    [Fact]
    public async Task Discovery_lists_both_client_authentication_methods()
    {
        using var response = await Browser.Http.GetAsync(new Uri(Urls.DiscoveryEndpoint!));
        var config = await response.JsonAsync();
        Assert.Equal(Emulator.BaseAddress + "/oidc", config.Str("issuer"));
        Assert.Equal(Emulator.BaseAddress + "/oidc/authorize", config.Str("authorization_endpoint"));
        Assert.Equal(Emulator.BaseAddress + "/oidc/jwks", config.Str("jwks_uri"));
        var methods = config.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("client_secret_basic", methods);
        Assert.Contains("client_secret_post", methods);
    }

    [Fact]
    public async Task Client_secret_post_is_accepted_without_pkce()
    {
        using var response = await Browser.Http.PostFormAsync(Urls.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", App.ClientId),
            ("client_secret", App.ClientSecret), ("redirect_uri", Browser.Callback), ("code", await CodeAsync()));
        var token = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(token.Has("id_token"));
        Assert.True(token.Has("refresh_token"));
    }

    [Fact]
    public async Task Client_secret_basic_is_accepted()
    {
        var code = await CodeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Urls.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("redirect_uri", Browser.Callback), new("code", code)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Api.Basic(App.ClientId, App.ClientSecret));
        using var response = await Browser.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jwt = Jwt.Parse((await response.JsonAsync()).Str("id_token"));
        using var jwks = await Browser.Http.GetAsync(new Uri(Urls.JwksUri!));
        Assert.True(jwt.VerifiesWith(await jwks.JsonAsync()));
        Assert.Equal(Emulator.People[0].OidcSub, jwt.Payload.Str("sub"));
    }

    [Fact]
    public async Task Wrong_basic_credentials_are_401_invalid_client_with_a_challenge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Urls.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", "x")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Api.Basic(App.ClientId, "wrong"));
        using var response = await Browser.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"invalid_client"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Pkce_is_verified_when_a_challenge_was_sent()
    {
        var (verifier, challenge) = Api.Pkce();
        var code = await CodeAsync(("code_challenge", challenge), ("code_challenge_method", "S256"));
        using var wrong = await Browser.Http.PostFormAsync(Urls.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", App.ClientId),
            ("client_secret", App.ClientSecret), ("redirect_uri", Browser.Callback), ("code", code), ("code_verifier", verifier[..^1]));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", (await wrong.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Person_without_email_gets_no_email_claim()
    {
        var code = await Browser.CodeAsync("oidc", Browser.AuthorizeUrl("oidc", ("scope", "openid email profile")), "lee");
        using var response = await Browser.Http.PostFormAsync(Urls.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", App.ClientId),
            ("client_secret", App.ClientSecret), ("redirect_uri", Browser.Callback), ("code", code));
        var claims = Jwt.Parse((await response.JsonAsync()).Str("id_token")).Payload;
        Assert.False(claims.Has("email"));
        Assert.Equal("이서연", claims.Str("name"));
    }
}
