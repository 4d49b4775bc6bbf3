using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>Each test control produces its documented shape.</summary>
public sealed class FaultTests : EmulatorTest
{
    protected override void Configure(EmulatorOptions options) => options.TimeoutFaultDelay = TimeSpan.FromMilliseconds(200);

    private async Task<HttpResponseMessage> NaverProfileAsync() =>
        await Browser.Http.GetWithBearerAsync(Emulator.EndpointsFor("naver").UserInfoEndpoint, "any-token");

    [Fact]
    public async Task ServerError_is_500_with_the_providers_json_error_body()
    {
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, Fault.ServerError);
        using var profile = await NaverProfileAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, profile.StatusCode);
        Assert.Equal("500", (await profile.JsonAsync()).Str("resultcode"));

        Emulator.Faults.Set("google", EmulatorEndpoint.Token, Fault.ServerError);
        using var token = await Browser.Http.PostFormAsync(Emulator.EndpointsFor("google").TokenEndpoint, ("grant_type", "authorization_code"));
        Assert.Equal(HttpStatusCode.InternalServerError, token.StatusCode);
        Assert.Equal("server_error", (await token.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task ServiceUnavailable_is_503_with_retry_after()
    {
        Emulator.Faults.Set("kakao", EmulatorEndpoint.Token, Fault.ServiceUnavailable);
        using var response = await Browser.Http.PostFormAsync(Emulator.EndpointsFor("kakao").TokenEndpoint, ("grant_type", "authorization_code"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("temporarily_unavailable", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Html_is_200_text_html()
    {
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, Fault.Html);
        using var response = await NaverProfileAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_is_200_application_json_that_does_not_parse()
    {
        Emulator.Faults.Set("naver", EmulatorEndpoint.Token, Fault.MalformedJson);
        using var response = await Browser.Http.PostFormAsync(Emulator.EndpointsFor("naver").TokenEndpoint, ("grant_type", "authorization_code"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task EmptyBody_is_200_with_no_content()
    {
        Emulator.Faults.Set("github", EmulatorEndpoint.Token, Fault.EmptyBody);
        using var response = await Browser.Http.PostFormAsync(Emulator.EndpointsFor("github").TokenEndpoint, ("code", "x"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Timeout_holds_the_request_until_the_client_gives_up()
    {
        Emulator.Options.TimeoutFaultDelay = TimeSpan.FromSeconds(30);
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, Fault.Timeout);
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync(new Uri(Emulator.EndpointsFor("naver").UserInfoEndpoint)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Timeout_answers_504_after_the_configured_delay()
    {
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, Fault.Timeout);
        var watch = Stopwatch.StartNew();
        using var response = await NaverProfileAsync();
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(150));
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Theory]
    [InlineData(Fault.NaverAuthFailed, """{"resultcode":"024","message":"Authentication failed (\uc778\uc99d \uc2e4\ud328\ud558\uc600\uc2b5\ub2c8\ub2e4.)"}""")]
    [InlineData(Fault.NaverNoAuthHeader, """{"resultcode":"028","message":"Authentication header not exists"}""")]
    [InlineData(Fault.KakaoInvalidToken, """{"msg":"this access token does not exist","code":-401}""")]
    public async Task Authentication_faults_are_401_with_the_documented_body(Fault fault, string body)
    {
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, fault);
        using var response = await NaverProfileAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(), ignoreCase: true);
    }

    [Fact]
    public async Task OversizedBody_is_200_json_of_five_megabytes()
    {
        Emulator.Faults.Set("kakao", EmulatorEndpoint.UserInfo, Fault.OversizedBody);
        using var response = await Browser.Http.GetWithBearerAsync(Emulator.EndpointsFor("kakao").UserInfoEndpoint, "x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(5 * 1024 * 1024, body.Length);
        using var doc = JsonDocument.Parse(body);
    }

    [Fact]
    public async Task Faults_persist_until_cleared_and_None_clears_one()
    {
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, Fault.ServerError);
        using (var first = await NaverProfileAsync()) Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        using (var second = await NaverProfileAsync()) Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, Fault.None);
        using (var third = await NaverProfileAsync()) Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        Emulator.Faults.Set("naver", EmulatorEndpoint.UserInfo, Fault.Html);
        Emulator.Faults.Clear();
        using (var fourth = await NaverProfileAsync()) Assert.Equal(HttpStatusCode.Unauthorized, fourth.StatusCode);
        Assert.Equal(4, Emulator.CountRequests("naver", EmulatorEndpoint.UserInfo));
    }

    [Fact]
    public async Task Authorize_error_redirects_straight_back_with_error_description_and_state()
    {
        Emulator.Faults.SetAuthorizeError("kakao", "server_error", "Something broke");
        using var response = await Browser.Http.GetAsync(new Uri(Browser.AuthorizeUrl("kakao", ("state", "st-9"))));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Browser.Callback + "?error=server_error&error_description=Something+broke&state=st-9", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(IdTokenFault.BadSignature)]
    [InlineData(IdTokenFault.WrongAudience)]
    [InlineData(IdTokenFault.WrongIssuer)]
    [InlineData(IdTokenFault.WrongNonce)]
    [InlineData(IdTokenFault.MissingNonce)]
    [InlineData(IdTokenFault.Expired)]
    [InlineData(IdTokenFault.IssuedInFuture)]
    [InlineData(IdTokenFault.AlgNone)]
    [InlineData(IdTokenFault.UnknownKid)]
    [InlineData(IdTokenFault.Hs256WithPublicKey)]
    [InlineData(IdTokenFault.MalformedToken)]
    public async Task Id_token_fault_produces_exactly_its_defect(IdTokenFault fault)
    {
        Emulator.Faults.SetIdTokenFault("oidc", fault);
        var app = Emulator.Client("oidc");
        var urls = Emulator.EndpointsFor("oidc");
        var code = await Browser.CodeAsync("oidc", Browser.AuthorizeUrl("oidc", ("scope", "openid email"), ("nonce", "nonce-1")));
        using var tokenResponse = await Browser.Http.PostFormAsync(urls.TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", Browser.Callback), ("code", code));
        var idToken = (await tokenResponse.JsonAsync()).Str("id_token");
        using var jwksResponse = await Browser.Http.GetAsync(new Uri(urls.JwksUri!));
        var jwks = await jwksResponse.JsonAsync();

        if (fault == IdTokenFault.MalformedToken)
        {
            Assert.NotEqual(3, idToken.Split('.').Length);
            return;
        }
        var jwt = Jwt.Parse(idToken);
        var claims = jwt.Payload;
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        var signedWell = fault is IdTokenFault.BadSignature or IdTokenFault.AlgNone or IdTokenFault.UnknownKid or IdTokenFault.Hs256WithPublicKey;
        Assert.Equal(!signedWell, jwt.VerifiesWith(jwks));
        Assert.Equal(fault != IdTokenFault.WrongAudience, claims.Str("aud") == app.ClientId);
        Assert.Equal(fault != IdTokenFault.WrongIssuer, claims.Str("iss") == urls.Issuer);
        Assert.Equal(fault != IdTokenFault.MissingNonce, claims.Has("nonce"));
        if (claims.Has("nonce")) Assert.Equal(fault != IdTokenFault.WrongNonce, claims.Str("nonce") == "nonce-1");
        Assert.Equal(fault != IdTokenFault.Expired, claims.GetProperty("exp").GetInt64() > now);
        Assert.Equal(fault != IdTokenFault.IssuedInFuture, claims.GetProperty("iat").GetInt64() <= now);

        switch (fault)
        {
            case IdTokenFault.AlgNone:
                Assert.Equal("none", jwt.Header.Str("alg"));
                Assert.Empty(jwt.Signature);
                break;
            case IdTokenFault.UnknownKid:
                Assert.DoesNotContain(jwks.GetProperty("keys").EnumerateArray(), k => k.Str("kid") == jwt.Header.Str("kid"));
                break;
            case IdTokenFault.BadSignature:
                Assert.Contains(jwks.GetProperty("keys").EnumerateArray(), k => k.Str("kid") == jwt.Header.Str("kid"));
                break;
            case IdTokenFault.Hs256WithPublicKey:
                Assert.Equal("HS256", jwt.Header.Str("alg"));
                var key = jwks.GetProperty("keys")[0];
                using (var rsa = RSA.Create(new RSAParameters { Modulus = Jwt.Decode(key.Str("n")), Exponent = Jwt.Decode(key.Str("e")) }))
                {
                    var mac = HMACSHA256.HashData(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()), Encoding.ASCII.GetBytes(jwt.SigningInput));
                    Assert.Equal(mac, jwt.Signature);
                }
                break;
            default:
                break;
        }
    }
}
