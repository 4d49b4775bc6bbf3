using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Sessions;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>The OpenID Provider against the cases of the OpenID Foundation's Basic and Config OP test plans, RFC 9700 (OAuth security BCP),
/// RFC 7009 and RFC 7662, over real HTTP with sign-ins through the emulator. Every refusal: the protocol's error, never a 500, exactly one
/// <c>OidcLog.Refused</c> line, and no code, secret or token in any log line.</summary>
public sealed class ConformanceTests(ConformanceSite f) : IClassFixture<ConformanceSite>
{
    private TestSite Site => f.Site;

    // ---- code reuse, PKCE, redirect_uri, client_id ----

    [Fact]
    public async Task OP_OAuth_2nd_Revokes__ASecondRedemptionIsRefusedAndRevokesTheTokensOfTheFirst()
    {
        using var browser = Site.NewBrowser();
        var (code, verifier, _) = await CodeAsync(f.Web, browser);
        var (status, first) = await f.Web.RedeemAsync(code, verifier);
        Assert.True(status == HttpStatusCode.OK, first.ToString());
        f.Remember(first);
        Assert.True(await ActiveAsync(first.GetProperty("access_token").GetString()!), "the first access token is active before the reuse");

        var second = await RefusedOnce("invalid_grant", () => f.Web.RedeemAsync(code, verifier));

        AssertError(second, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.False(await ActiveAsync(first.GetProperty("access_token").GetString()!), "the first access token must be revoked");
        Assert.False(await ActiveAsync(first.GetProperty("refresh_token").GetString()!), "the first refresh token must be revoked");
        AssertError(await f.Web.RefreshAsync(first.GetProperty("refresh_token").GetString()!), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task RFC9700_2_1_1_PKCE__APublicClientWithoutCodeChallengeGetsInvalidRequest()
    {
        using var browser = Site.NewBrowser();
        var url = f.Spa.AuthorizeUrl("unused", "openid", new Dictionary<string, string?> { ["code_challenge"] = null, ["code_challenge_method"] = null, ["state"] = "s-pkce" });

        using var response = await RefusedOnce("invalid_request", () => browser.GetAsync(url));

        var (code, state, error) = ErrorRedirect(response, ConformanceSite.SpaRedirect);
        Assert.Equal(("invalid_request", "s-pkce"), (error, state));
        Assert.Null(code);
        Assert.Equal(Site.BaseUrl + "/", QueryHelpers.ParseQuery(response.Headers.Location!.Query)["iss"].ToString()); // RFC 9207
    }

    [Fact]
    public async Task RFC9700_2_1_1_PKCE__ThePlainMethodIsRefused()
    {
        using var browser = Site.NewBrowser();
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var url = f.Spa.AuthorizeUrl(verifier, "openid", new Dictionary<string, string?> { ["code_challenge_method"] = "plain" });

        using var response = await RefusedOnce("invalid_request", () => browser.GetAsync(url));

        var (code, _, error) = ErrorRedirect(response, ConformanceSite.SpaRedirect);
        Assert.Equal("invalid_request", error);
        Assert.Null(code);
    }

    [Fact]
    public async Task RFC9700_2_1_1_PKCE__AWrongCodeVerifierGetsInvalidGrant()
    {
        using var browser = Site.NewBrowser();
        var (code, verifier, _) = await CodeAsync(f.Spa, browser, "openid");
        var (other, _) = OidcTestClient.Pkce();

        var wrong = await RefusedOnce("invalid_grant", () => f.Spa.RedeemAsync(code, other));

        AssertError(wrong, HttpStatusCode.BadRequest, "invalid_grant");
        // the refusal was the verifier's: the right one still redeems the code
        var (status, tokens) = await f.Spa.RedeemAsync(code, verifier);
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        f.Remember(tokens);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5999/signin-oidc/evil")] // the registered one is a prefix of it
    [InlineData("http://127.0.0.1:5999/signin")] // a prefix of the registered one
    [InlineData("http://127.0.0.1:6999/signin-oidc")] // another port
    [InlineData("http://127.0.0.1:5999/signin-oidc?next=1")] // an added query
    [InlineData("http://localhost:5999/signin-oidc")] // another name for the same host
    public async Task OP_redirect_uri_NotReg__AnUnregisteredRedirectUriGetsDaemunsErrorPageAndNoRedirect(string redirectUri)
    {
        using var browser = Site.NewBrowser();
        var url = f.Web.AuthorizeUrl("x", "openid", new Dictionary<string, string?> { ["redirect_uri"] = redirectUri });

        using var response = await RefusedOnce("invalid_request", () => browser.GetAsync(url));

        await AssertClientRejectedPageAsync(response, redirectUri);
    }

    [Fact]
    public async Task OP_Req_client_id_Unknown__AnUnknownClientGetsDaemunsErrorPageAndNoRedirect()
    {
        using var browser = Site.NewBrowser();
        var url = new OidcTestClient(Site, "nobody", null, ConformanceSite.WebRedirect).AuthorizeUrl("x", "openid");

        using var response = await RefusedOnce("invalid_request", () => browser.GetAsync(url));

        await AssertClientRejectedPageAsync(response, ConformanceSite.WebRedirect);
    }

    // ---- nonce, state, max_age, prompt ----

    [Fact]
    public async Task OP_nonce_code__TheNonceIsInTheIdTokenAndTheStateComesBack()
    {
        using var browser = Site.NewBrowser();
        var (code, verifier, location) = await CodeAsync(f.Web, browser, "openid", extra: new Dictionary<string, string?> { ["nonce"] = "nonce-4711", ["state"] = "state-0815" });
        Assert.Equal("state-0815", OidcTestClient.ReadRedirect(location).State);

        var (status, tokens) = await f.Web.RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("nonce-4711", IdToken(f.Remember(tokens)).GetPayloadValue<string>("nonce"));
    }

    [Fact]
    public async Task OP_Req_max_age_1__AnOldSessionSignsInAgainUpstreamAndAuthTimeIsTheRealSignInTime()
    {
        using var browser = Site.NewBrowser();
        var first = await TokensAsync(f.Web, browser, "openid", person: "lee");
        var firstAuthTime = AuthTime(first);
        Site.Clock.Advance(TimeSpan.FromMinutes(5));
        var reauthentications = NaverReauthentications();
        var signInAt = Site.Clock.GetUtcNow().ToUnixTimeSeconds();

        var second = await TokensAsync(f.Web, browser, "openid", person: "lee", extra: new Dictionary<string, string?> { ["max_age"] = "60" });

        Assert.Equal(reauthentications + 1, NaverReauthentications()); // Naver was asked for the password again (auth_type=reauthenticate)
        Assert.Equal(signInAt, AuthTime(second));
        Assert.Equal(firstAuthTime + 300, AuthTime(second));
        Assert.Equal(IdToken(first).Subject, IdToken(second).Subject);
    }

    [Fact]
    public async Task OP_Req_max_age_10000__AFreshEnoughSessionIsUsedWithoutASignIn()
    {
        using var browser = Site.NewBrowser();
        var first = await TokensAsync(f.Web, browser, "openid", person: "lee");
        Site.Clock.Advance(TimeSpan.FromMinutes(1));
        var authorizations = Site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize);

        var second = await TokensAsync(f.Web, browser, "openid", person: "lee", extra: new Dictionary<string, string?> { ["max_age"] = "10000" });

        Assert.Equal(authorizations, Site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize));
        Assert.Equal(AuthTime(first), AuthTime(second));
    }

    [Fact]
    public async Task OP_prompt_login__SignsInAgainUpstreamAndAuthTimeIsTheNewSignIn()
    {
        using var browser = Site.NewBrowser();
        var first = await TokensAsync(f.Web, browser, "openid", person: "lee");
        Site.Clock.Advance(TimeSpan.FromMinutes(1));
        var reauthentications = NaverReauthentications();
        var signInAt = Site.Clock.GetUtcNow().ToUnixTimeSeconds();

        var second = await TokensAsync(f.Web, browser, "openid", person: "lee", extra: new Dictionary<string, string?> { ["prompt"] = "login" });

        Assert.Equal(reauthentications + 1, NaverReauthentications());
        Assert.Equal(signInAt, AuthTime(second));
        Assert.True(AuthTime(second) > AuthTime(first));
    }

    [Fact]
    public async Task OP_prompt_none_NotLoggedIn__LoginRequiredWithoutAnyPage()
    {
        using var browser = Site.NewBrowser();
        var url = f.Web.AuthorizeUrl("x", "openid", new Dictionary<string, string?> { ["prompt"] = "none", ["state"] = "s-none" });
        var authorizations = Site.Emulator.Requests.Count;

        using var response = await RefusedOnce("login_required", () => browser.GetAsync(url));

        var (code, state, error) = ErrorRedirect(response, ConformanceSite.WebRedirect);
        Assert.Equal(("login_required", "s-none"), (error, state));
        Assert.Null(code);
        Assert.Equal(authorizations, Site.Emulator.Requests.Count); // no provider was asked
    }

    [Fact]
    public async Task OP_prompt_none_ThirdParty__WithoutConsentConsentRequired()
    {
        using var browser = Site.NewBrowser();
        await TokensAsync(f.Web, browser, "openid", person: "jane"); // signed in at Daemun (through a first-party app)
        var url = f.Partner.AuthorizeUrl("x", "openid profile", new Dictionary<string, string?> { ["prompt"] = "none", ["state"] = "s-consent" });

        using var response = await RefusedOnce("consent_required", () => browser.GetAsync(url));

        var (code, state, error) = ErrorRedirect(response, ConformanceSite.PartnerRedirect);
        Assert.Equal(("consent_required", "s-consent"), (error, state));
        Assert.Null(code);
    }

    // ---- client authentication, refresh tokens, codes ----

    [Fact]
    public async Task OP_ClientAuth__AnUnknownClientAtTheTokenEndpointIsInvalidClient401()
    {
        var nobody = new OidcTestClient(Site, "nobody", "nobody-secret-0123456789", ConformanceSite.WebRedirect);

        var answer = await RefusedOnce("invalid_client", () => nobody.RedeemAsync("some-code", "some-verifier"));

        AssertError(answer, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task OP_ClientAuth__AWrongClientSecretIsInvalidClient401()
    {
        using var browser = Site.NewBrowser();
        var (code, verifier, _) = await CodeAsync(f.Web, browser, "openid");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = ConformanceSite.WebRedirect, ["code_verifier"] = verifier,
        };

        var answer = await RefusedOnce("invalid_client", () => f.Web.TokenAsync(form, secret: f.Remember("web-secret-but-a-wrong-one-0123")));

        AssertError(answer, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task RFC9700_4_14_2_RefreshRotation__EachRefreshRotatesAndAReusedOneRevokesTheChain()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser);
        var rt1 = tokens.GetProperty("refresh_token").GetString()!;
        var rt2 = await RefreshOkAsync(f.Web, rt1);
        var rt3 = await RefreshOkAsync(f.Web, rt2);
        Assert.Equal(3, new[] { rt1, rt2, rt3 }.Distinct().Count());

        var reused = await RefusedOnce("invalid_grant", () => f.Web.RefreshAsync(rt1));

        AssertError(reused, HttpStatusCode.BadRequest, "invalid_grant");
        AssertError(await f.Web.RefreshAsync(rt3), HttpStatusCode.BadRequest, "invalid_grant"); // the newest one is revoked with its chain
        Assert.False(await ActiveAsync(rt3));
    }

    [Fact]
    public async Task RFC6749_6_RefreshScope__AskingForAScopeNotOriginallyGrantedIsRefused()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, "openid offline_access");
        var rt = tokens.GetProperty("refresh_token").GetString()!;

        // RFC 6749 §5.2 would say invalid_scope; OpenIddict answers invalid_grant ("The specified 'scope' is invalid.")
        var escalated = await RefusedOnce("invalid_grant", () => f.Web.RefreshAsync(rt, "openid offline_access profile"));

        AssertError(escalated, HttpStatusCode.BadRequest, "invalid_grant");
        // a narrower scope is allowed (RFC 6749 §6)
        var (status, narrower) = await f.Web.RefreshAsync(rt, "openid");
        Assert.True(status == HttpStatusCode.OK, narrower.ToString());
        f.Remember(narrower);
    }

    [Fact]
    public async Task RFC6749_4_1_2_CodeLifetime__AnExpiredCodeIsInvalidGrant()
    {
        using var browser = Site.NewBrowser();
        var (code, verifier, _) = await CodeAsync(f.Web, browser, "openid");
        Site.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5)); // Daemun:OpenIdProvider:AuthorizationCodeLifetime, default 2 min

        var expired = await RefusedOnce("invalid_grant", () => f.Web.RedeemAsync(code, verifier));

        AssertError(expired, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task RFC6749_4_1_2_CodeLifetime__ACodeJustWithinItsLifetimeIsRedeemed()
    {
        using var browser = Site.NewBrowser();
        var (code, verifier, _) = await CodeAsync(f.Web, browser, "openid");
        Site.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(5));

        var (status, body) = await f.Web.RedeemAsync(code, verifier);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        f.Remember(body);
    }

    // ---- discovery, JWKS, id_token ----

    [Fact]
    public async Task OP_Discovery_Config__EveryEndpointAnswersAndTheIssuerIsTheSiteOrigin()
    {
        var doc = await DiscoveryAsync();
        Assert.Equal(Site.BaseUrl + "/", doc.GetProperty("issuer").GetString());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var empty = () => new FormUrlEncodedContent(new Dictionary<string, string>());
        foreach (var (name, post) in new[]
        {
            ("authorization_endpoint", false), ("token_endpoint", true), ("userinfo_endpoint", false), ("jwks_uri", false),
            ("revocation_endpoint", true), ("introspection_endpoint", true), ("end_session_endpoint", false),
        })
        {
            var url = doc.GetProperty(name).GetString()!;
            Assert.StartsWith(Site.BaseUrl + "/oidc/", url, StringComparison.Ordinal);
            using var response = post ? await http.PostAsync(url, empty()) : await http.GetAsync(url);
            Assert.True((int)response.StatusCode < 500 && response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                $"{name} {url}: {(int)response.StatusCode}");
        }
        var jwks = JsonDocument.Parse(await http.GetStringAsync(doc.GetProperty("jwks_uri").GetString())).RootElement;
        Assert.NotEmpty(jwks.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task OP_Discovery_Config__OnlyS256AndOnlyTheQueryAndFormPostResponseModes()
    {
        var doc = await DiscoveryAsync();

        Assert.Equal(["S256"], Strings(doc, "code_challenge_methods_supported"));
        Assert.Equal(["form_post", "query"], Strings(doc, "response_modes_supported").Order(StringComparer.Ordinal));
        Assert.Equal(["code"], Strings(doc, "response_types_supported"));
    }

    [Fact]
    public async Task OP_Discovery_Config__AFragmentResponseModeIsRefused()
    {
        using var browser = Site.NewBrowser();
        var url = f.Web.AuthorizeUrl(OidcTestClient.Pkce().Challenge, "openid", new Dictionary<string, string?> { ["response_mode"] = "fragment", ["state"] = "s-frag" });

        using var response = await RefusedOnce("invalid_request", () => browser.GetAsync(url));

        var location = response.Headers.Location?.ToString() ?? "";
        Assert.DoesNotContain("#", location, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OP_response_mode_form_post__TheCodeComesInAnAutoSubmittingFormToTheRedirectUri()
    {
        using var browser = Site.NewBrowser();
        await TokensAsync(f.Web, browser, "openid", person: "kim");
        var (verifier, challenge) = OidcTestClient.Pkce();
        var url = f.Web.AuthorizeUrl(challenge, "openid", new Dictionary<string, string?> { ["response_mode"] = "form_post", ["state"] = "s-form" });

        using var response = await browser.GetAsync(url);

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.Headers.Location} {html}");
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form[^>]*>");
        Assert.True(form.Success, html);
        Assert.Contains("method=\"post\"", form.Value, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"action=\"{ConformanceSite.WebRedirect}\"", form.Value, StringComparison.Ordinal);
        Assert.Contains("name=\"state\" value=\"s-form\"", html, StringComparison.Ordinal);
        var code = System.Text.RegularExpressions.Regex.Match(html, "name=\"code\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(f.Remember(WebUtility.HtmlDecode(code)));
        Assert.Matches(@"<script[^>]*>[^<]*\.submit\(\)", html); // submits itself
        // a Content-Security-Policy on this page must not stop that script
        if (response.Headers.TryGetValues("Content-Security-Policy", out var csp)) Assert.DoesNotContain("script-src 'none'", string.Join(';', csp), StringComparison.Ordinal);
        var (status, tokens) = await f.Web.RedeemAsync(WebUtility.HtmlDecode(code), verifier);
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        f.Remember(tokens);
    }

    [Fact]
    public async Task OP_IDToken_kid__TheJwksServesTheKeyThatSignedTheIdTokenAndTheSignatureValidates()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, "openid profile");
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var doc = await DiscoveryAsync();
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(doc.GetProperty("jwks_uri").GetString()));
        var header = new JsonWebToken(idToken);

        Assert.Contains(jwks.Keys, k => k.Kid == header.Kid);
        Assert.Contains(header.Alg, Strings(doc, "id_token_signing_alg_values_supported"));
        Assert.Equal(header.Alg, jwks.Keys.Single(k => k.Kid == header.Kid).Alg ?? header.Alg);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = doc.GetProperty("issuer").GetString(),
            ValidAudience = "web",
            ValidateLifetime = false, // checked against the site's clock below and in OP_IDToken_Claims
        });
        Assert.True(result.IsValid, result.Exception?.Message);

        // the same token with one changed payload byte does not validate against those keys
        var parts = idToken.Split('.');
        var payload = WebEncoders.Base64UrlDecode(parts[1]);
        payload[^2] ^= 0x01;
        var tampered = $"{parts[0]}.{WebEncoders.Base64UrlEncode(payload)}.{parts[2]}";
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(tampered, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(), ValidIssuer = doc.GetProperty("issuer").GetString(), ValidAudience = "web", ValidateLifetime = false,
        })).IsValid);
    }

    [Fact]
    public async Task OP_IDToken_Claims__IssAudExpAndAtHashMatch()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, "openid profile email");
        var id = IdToken(tokens);
        var now = Site.Clock.GetUtcNow().ToUnixTimeSeconds();
        var issuer = (await DiscoveryAsync()).GetProperty("issuer").GetString();

        Assert.Equal(issuer, id.Issuer);
        Assert.Equal(["web"], id.Audiences);
        var exp = id.GetPayloadValue<long>("exp");
        var iat = id.GetPayloadValue<long>("iat");
        Assert.True(exp > now, $"exp {exp} is not after the clock's {now}");
        Assert.Equal(600, exp - iat); // Daemun:OpenIdProvider:IdentityTokenLifetime, default 10 minutes
        Assert.InRange(iat, now - 5, now);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        Assert.Equal(WebEncoders.Base64UrlEncode(hash[..16]), id.GetPayloadValue<string>("at_hash"));
    }

    // ---- client credentials ----

    [Fact]
    public async Task RFC6749_4_4_ClientCredentials__TheMachineClientGetsItsApiScopeAndTheConfiguredAudience()
    {
        var (status, body) = await f.Machine.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = ConformanceSite.ApiScope });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        f.Remember(body);
        Assert.False(body.TryGetProperty("id_token", out _));
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal([ConformanceSite.ApiAudience], token.Audiences);
        Assert.Contains(ConformanceSite.ApiScope, Scopes(token));
        Assert.Equal("machine", token.Subject);
    }

    [Theory]
    [InlineData("openid", "invalid_scope")] // Daemun's check: a machine signs nobody in
    [InlineData("offline_access", "invalid_request")] // OpenIddict: no refresh_token grant for this client
    [InlineData("orders.read openid", "invalid_scope")]
    [InlineData("orders.write", "invalid_request")] // declared, but not this client's: OpenIddict answers invalid_request
    [InlineData("daemun:manage", "invalid_request")]
    [InlineData("orders.read profile", "invalid_request")]
    public async Task RFC6749_4_4_ClientCredentials__TheMachineClientAskingForAScopeItMayNotHaveIsRefused(string scope, string error)
    {
        var answer = await RefusedOnce(error, () => f.Machine.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }));

        AssertError(answer, HttpStatusCode.BadRequest, error);
        Assert.False(answer.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task RFC6749_4_4_ClientCredentials__AWebClientUsingItIsUnauthorizedClient()
    {
        var answer = await RefusedOnce("unauthorized_client", () => f.Web.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "openid" }));

        AssertError(answer, HttpStatusCode.BadRequest, "unauthorized_client");
    }

    // ---- revocation, introspection, userinfo ----

    [Fact]
    public async Task RFC7009_Revocation__ARevokedRefreshTokenIsUnusable()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser);
        var rt = tokens.GetProperty("refresh_token").GetString()!;

        var (status, _) = await f.PostAsync("/oidc/revoke", "web", ConformanceSite.WebSecret, new Dictionary<string, string> { ["token"] = rt, ["token_type_hint"] = "refresh_token" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(await ActiveAsync(rt));
        AssertError(await RefusedOnce("invalid_grant", () => f.Web.RefreshAsync(rt)), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task RFC7009_Revocation__AnotherClientCannotRevokeTheToken()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser);
        var rt = tokens.GetProperty("refresh_token").GetString()!;

        var (status, body) = await f.PostAsync("/oidc/revoke", "partner", ConformanceSite.PartnerSecret, new Dictionary<string, string> { ["token"] = rt });

        Assert.True((int)status < 500, body.ToString());
        Assert.True(await ActiveAsync(rt), "a token of another client must stay valid");
        Assert.Equal(HttpStatusCode.OK, (await f.Web.RefreshAsync(rt)).Status);
    }

    [Fact]
    public async Task RFC7662_Introspection__AConfidentialClientSeesItsAccessTokenActiveWithSubAndClientId()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, "openid profile");

        var (status, body) = await f.PostAsync("/oidc/introspect", "web", ConformanceSite.WebSecret, new Dictionary<string, string> { ["token"] = tokens.GetProperty("access_token").GetString()! });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("active").GetBoolean(), body.ToString());
        Assert.Equal(IdToken(tokens).Subject, body.GetProperty("sub").GetString());
        Assert.Equal("web", body.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task RFC7662_Introspection__TheApiTheTokenIsForSeesItActiveWithSubScopeAndClientId()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, $"openid profile {ConformanceSite.ApiScope}");

        // OpenIddict shows the scopes only to an audience of the token: the API (a confidential client named as the audience)
        var (status, body) = await f.PostAsync("/oidc/introspect", ConformanceSite.ApiAudience, ConformanceSite.ApiSecret,
            new Dictionary<string, string> { ["token"] = tokens.GetProperty("access_token").GetString()! });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("active").GetBoolean(), body.ToString());
        string? Field(string name) => body.TryGetProperty(name, out var value) ? value.GetString() : null;
        Assert.True(Field("sub") is not null && Field("client_id") is not null && Field("scope") is not null, body.ToString());
        Assert.Equal(IdToken(tokens).Subject, Field("sub"));
        Assert.Equal("web", Field("client_id"));
        Assert.Equal(["openid", ConformanceSite.ApiScope, "profile"], Field("scope")!.Split(' ').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RFC7662_Introspection__APublicClientIsRefused()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Spa, browser, "openid");

        var answer = await RefusedOnce("unauthorized_client",
            () => f.PostAsync("/oidc/introspect", "spa", null, new Dictionary<string, string> { ["token"] = tokens.GetProperty("access_token").GetString()! }));

        AssertError(answer, HttpStatusCode.BadRequest, "unauthorized_client");
        Assert.False(answer.Body.TryGetProperty("active", out _));
    }

    [Fact]
    public async Task OP_UserInfo_Header__WithoutATokenOrWithAnInvalidOne401WithABearerChallenge()
    {
        var (noneStatus, noneChallenge) = await RefusedOnce("missing_token", () => UserInfoAsync(null));
        var (badStatus, badChallenge) = await RefusedOnce("invalid_token", () => UserInfoAsync("not-a-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, noneStatus);
        Assert.StartsWith("Bearer", noneChallenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error=", noneChallenge, StringComparison.Ordinal); // RFC 6750 §3.1: no error code when no token was sent
        Assert.Equal(HttpStatusCode.Unauthorized, badStatus);
        Assert.StartsWith("Bearer", badChallenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", badChallenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OP_UserInfo__ADisabledPersonGetsNoRefreshAndNoUserInfo()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, person: "park");
        var userId = IdToken(tokens).Subject;
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAsync(accessToken)).Status);
        var sessions = Site.Server.App.Services.GetRequiredService<IDaemunSessions>();
        Assert.True(await sessions.SetDisabledAsync(userId, disabled: true, CancellationToken.None));
        try
        {
            var refresh = await RefusedOnce("invalid_grant", () => f.Web.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!));
            var (status, challenge) = await RefusedOnce("invalid_token", () => UserInfoAsync(accessToken));

            AssertError(refresh, HttpStatusCode.BadRequest, "invalid_grant");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        }
        finally
        {
            await sessions.SetDisabledAsync(userId, disabled: false, CancellationToken.None);
        }
    }

    // ---- end session ----

    [Fact]
    public async Task OP_RP_Logout__AnUnregisteredPostLogoutRedirectUriGetsDaemunsErrorPage()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, "openid");
        const string elsewhere = "http://127.0.0.1:5999/signed-out-elsewhere";
        var url = QueryHelpers.AddQueryString("/oidc/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.GetProperty("id_token").GetString(), ["post_logout_redirect_uri"] = elsewhere, ["state"] = "s-out",
        });

        using var response = await RefusedOnce("invalid_request", () => browser.GetAsync(url));

        await AssertClientRejectedPageAsync(response, elsewhere);
        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _), "the session must not end on a refused request");
    }

    [Fact]
    public async Task OP_RP_Logout__ARegisteredUriWithAValidIdTokenHintEndsTheSessionAndRedirectsWithState()
    {
        using var browser = Site.NewBrowser();
        var tokens = await TokensAsync(f.Web, browser, "openid");
        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _));
        var url = QueryHelpers.AddQueryString("/oidc/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.GetProperty("id_token").GetString(), ["post_logout_redirect_uri"] = ConformanceSite.WebSignedOut, ["state"] = "s-out",
        });

        using var response = await browser.GetAsync(url);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect || response.StatusCode == HttpStatusCode.Found, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(ConformanceSite.WebSignedOut, location, StringComparison.Ordinal);
        Assert.Equal("s-out", QueryHelpers.ParseQuery(new Uri(location).Query)["state"].ToString());
        Assert.False((await browser.SessionAsync()).TryGetProperty("user", out _), "Daemun's session must have ended");
    }

    // ---- ui_locales, login_hint, provider ----

    [Fact]
    public async Task OP_Req_ui_locales__TheSignInPageDaemunShowsIsInTheAskedLanguage()
    {
        using var browser = Site.NewBrowser();
        var url = f.Web.AuthorizeUrl("x", "openid", new Dictionary<string, string?> { ["ui_locales"] = "ja-JP en" });

        using var authorize = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        using var page = await browser.GetAsync(authorize.Headers.Location!.ToString());

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"ja\"", html, StringComparison.Ordinal);
        Assert.Contains("ログイン", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OP_Req_login_hint__ReachesKakaosAuthorizeRequestAndNotNaversWhichHasNone()
    {
        var kakao = await UpstreamAuthorizeQueryAsync("kakao", new Dictionary<string, string?> { ["login_hint"] = "minjun.kim@example.com" });
        var naver = await UpstreamAuthorizeQueryAsync("naver", new Dictionary<string, string?> { ["login_hint"] = "minjun.kim@example.com" });

        Assert.Equal("minjun.kim@example.com", kakao.GetValueOrDefault("login_hint"));
        Assert.False(naver.ContainsKey("login_hint"), string.Join('&', naver.Select(p => $"{p.Key}={p.Value}")));
    }

    [Fact]
    public async Task OP_Req_login_hint__RidesAlongDaemunsSignInPage()
    {
        using var browser = Site.NewBrowser();
        var url = f.Web.AuthorizeUrl("x", "openid", new Dictionary<string, string?> { ["login_hint"] = "minjun.kim@example.com" });

        using var authorize = await browser.GetAsync(url);
        using var page = await browser.GetAsync(authorize.Headers.Location!.ToString());

        Assert.Contains("name=\"login_hint\" value=\"minjun.kim@example.com\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemun_provider__ProviderKakaoGoesStraightToKakaoWithoutDaemunsSignInPage()
    {
        using var browser = Site.NewBrowser();
        var kakaoAuthorizations = Site.Emulator.CountRequests("kakao", EmulatorEndpoint.Authorize);
        var url = f.Web.AuthorizeUrl(OidcTestClient.Pkce().Challenge, "openid", new Dictionary<string, string?> { ["provider"] = "kakao" });

        using var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(Site.Emulator.EndpointsFor("kakao").AuthorizationEndpoint, location.GetLeftPart(UriPartial.Path));
        // and the whole flow completes there, through Kakao
        var (verifier, challenge) = OidcTestClient.Pkce();
        var done = await f.Web.AuthorizeAsync(browser, f.Web.AuthorizeUrl(challenge, "openid", new Dictionary<string, string?> { ["provider"] = "kakao" }), "kakao", ConformanceSite.KakaoPerson);
        Assert.Equal(kakaoAuthorizations + 1, Site.Emulator.CountRequests("kakao", EmulatorEndpoint.Authorize));
        var (code, _, _) = OidcTestClient.ReadRedirect(done);
        var (status, tokens) = await f.Web.RedeemAsync(f.Remember(code!), verifier);
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        Assert.Equal("kakao", IdToken(f.Remember(tokens)).GetPayloadValue<string>("idp"));
    }

    [Fact]
    public async Task Daemun_provider__AnUnknownProviderIsInvalidRequest()
    {
        using var browser = Site.NewBrowser();
        var url = f.Web.AuthorizeUrl("x", "openid", new Dictionary<string, string?> { ["provider"] = "myspace", ["state"] = "s-p" });

        using var response = await RefusedOnce("invalid_request", () => browser.GetAsync(url));

        var (_, state, error) = ErrorRedirect(response, ConformanceSite.WebRedirect);
        Assert.Equal(("invalid_request", "s-p"), (error, state));
    }

    // ---- logs ----

    [Fact]
    public async Task Logs__NoCodeSecretOrTokenOfTheClassFlowsIsInAnyLogLineAndNothingFailed()
    {
        // flows of its own, so that this holds whatever ran before it: sign-in, refresh, reuse, introspection, revocation, refusals
        using var browser = Site.NewBrowser();
        var (code, verifier, _) = await CodeAsync(f.Web, browser);
        var tokens = f.Remember((await f.Web.RedeemAsync(code, verifier)).Body);
        await f.Web.RedeemAsync(code, verifier);
        var rt = tokens.GetProperty("refresh_token").GetString()!;
        await f.Web.RefreshAsync(rt);
        await f.PostAsync("/oidc/introspect", "web", ConformanceSite.WebSecret, new Dictionary<string, string> { ["token"] = tokens.GetProperty("access_token").GetString()! });
        await f.PostAsync("/oidc/revoke", "web", ConformanceSite.WebSecret, new Dictionary<string, string> { ["token"] = rt });
        await f.Web.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = rt }, secret: f.Remember("web-secret-but-a-wrong-one-4567"));
        f.Remember((await f.Machine.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = ConformanceSite.ApiScope })).Body);
        await UserInfoAsync(tokens.GetProperty("access_token").GetString());

        var lines = Site.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("request refused:", StringComparison.Ordinal));
        foreach (var secret in f.Secrets.Distinct())
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
            // a JWT's signature alone would give it away too
            if (secret.Count(c => c == '.') == 2) Assert.DoesNotContain(lines, l => l.Contains(secret.Split('.')[2], StringComparison.Ordinal));
        }
        Assert.DoesNotContain(lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
    }

    // ---- helpers ----

    /// <summary>Runs <paramref name="act"/> and checks it wrote exactly one refusal line (<c>OidcLog.Refused</c>), for <paramref name="error"/>.</summary>
    private async Task<T> RefusedOnce<T>(string error, Func<Task<T>> act)
    {
        var before = Site.Logs.Lines.Count;
        var result = await act();
        await Task.Delay(20); // the line is written before the response; a moment for a slow machine's log queue all the same
        var refusals = Site.Logs.Lines.Skip(before).Where(l => l.Contains("request refused:", StringComparison.Ordinal)).ToList();
        Assert.True(refusals.Count == 1 && refusals[0].Contains($"request refused: {error} (", StringComparison.Ordinal),
            $"expected one refusal line for {error}, got:\n{string.Join('\n', refusals)}\nanswer: {Describe(result)}");
        return result;
    }

    private static string Describe(object? result) => result switch
    {
        HttpResponseMessage r => $"{(int)r.StatusCode} {r.Headers.Location}",
        _ => result?.ToString() ?? "null",
    };

    private async Task<(string Code, string Verifier, string Location)> CodeAsync(OidcTestClient client, TestBrowser browser,
        string scope = "openid profile email offline_access", string person = "kim", IDictionary<string, string?>? extra = null)
    {
        var (verifier, challenge) = OidcTestClient.Pkce();
        var location = await client.AuthorizeAsync(browser, client.AuthorizeUrl(challenge, scope, extra), "naver", person);
        var (code, _, error) = OidcTestClient.ReadRedirect(location);
        Assert.True(code is not null, $"no code: {error} ({location})");
        return (f.Remember(code!), verifier, location);
    }

    private async Task<JsonElement> TokensAsync(OidcTestClient client, TestBrowser browser, string scope = "openid profile email offline_access",
        string person = "kim", IDictionary<string, string?>? extra = null)
    {
        var (code, verifier, _) = await CodeAsync(client, browser, scope, person, extra);
        var (status, body) = await client.RedeemAsync(code, verifier);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        return f.Remember(body);
    }

    private async Task<string> RefreshOkAsync(OidcTestClient client, string refreshToken)
    {
        var (status, body) = await client.RefreshAsync(refreshToken);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        return f.Remember(body).GetProperty("refresh_token").GetString()!;
    }

    /// <summary>Introspection by the <c>web</c> client: is the token active?</summary>
    private async Task<bool> ActiveAsync(string token)
    {
        var (status, body) = await f.PostAsync("/oidc/introspect", "web", ConformanceSite.WebSecret, new Dictionary<string, string> { ["token"] = token });
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        return body.GetProperty("active").GetBoolean();
    }

    private async Task<(HttpStatusCode Status, string Challenge)> UserInfoAsync(string? accessToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Site.BaseUrl + "/oidc/userinfo");
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString())));
    }

    private async Task<JsonElement> DiscoveryAsync()
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(Site.BaseUrl + "/.well-known/openid-configuration")).RootElement.Clone();
    }

    /// <summary>The query of the authorize request the emulated <paramref name="provider"/> receives when an app names it (<c>provider=</c>).</summary>
    private async Task<Dictionary<string, string>> UpstreamAuthorizeQueryAsync(string provider, IDictionary<string, string?> extra)
    {
        using var browser = Site.NewBrowser();
        var url = f.Web.AuthorizeUrl(OidcTestClient.Pkce().Challenge, "openid", new Dictionary<string, string?>(extra) { ["provider"] = provider });
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var upstream = await browser.GetAsync(response.Headers.Location!.ToString());
        var recorded = Site.Emulator.Requests.Last(r => r.Provider == provider && r.Endpoint == EmulatorEndpoint.Authorize);
        return new Dictionary<string, string>(recorded.Query);
    }

    private int NaverReauthentications() =>
        Site.Emulator.Requests.Count(r => r.Provider == "naver" && r.Endpoint == EmulatorEndpoint.Authorize && r.Query.GetValueOrDefault("auth_type") == "reauthenticate");

    private static JsonWebToken IdToken(JsonElement tokens) => new(tokens.GetProperty("id_token").GetString());

    private static long AuthTime(JsonElement tokens) => IdToken(tokens).GetPayloadValue<long>("auth_time");

    private static string[] Strings(JsonElement doc, string name) => [.. doc.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static string[] Scopes(JsonWebToken token) =>
        [.. token.Claims.Where(c => c.Type == "scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    private static void AssertError((HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string error) =>
        Assert.True(answer.Status == status && answer.Body.TryGetProperty("error", out var e) && e.GetString() == error,
            $"expected {(int)status} {error}, got {(int)answer.Status} {answer.Body}");

    /// <summary>A redirect to the app's <paramref name="redirectUri"/> with an error: (code, state, error).</summary>
    private static (string? Code, string? State, string? Error) ErrorRedirect(HttpResponseMessage response, string redirectUri)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{(int)response.StatusCode} {response.Headers.Location}");
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(redirectUri + "?", location, StringComparison.Ordinal);
        return OidcTestClient.ReadRedirect(location);
    }

    /// <summary>Daemun's own error page (HTML, 400, code ClientRejected) and no way to <paramref name="notTo"/>.</summary>
    private static async Task AssertClientRejectedPageAsync(HttpResponseMessage response, string notTo)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {response.Headers.Location} {html}");
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<code id=\"error-code\">ClientRejected</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(notTo, html, StringComparison.Ordinal);
    }
}
