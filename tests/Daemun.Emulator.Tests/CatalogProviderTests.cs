using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daemun.Emulator.Catalog;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>The generic catalog provider: any provider with a recorded response shape, served from its declaration as a real provider
/// would serve it (Discord's recorded answers for OAuth 2.0; Google's and GitHub's shapes under other ids for OpenID Connect and emails).</summary>
public sealed class CatalogProviderTests : EmulatorTest
{
    private static readonly CatalogDeclaration Discord = new("discord", "Discord")
    {
        AuthorizationPath = "/oauth2/authorize",
        TokenPath = "/api/oauth2/token",
        ProfilePath = "/api/users/@me",
        RevocationPath = "/api/oauth2/token/revoke",
        RequirePkce = true,
    };

    private static readonly CatalogDeclaration Oidc = new("shape-oidc", "Shape OIDC") { OpenIdConnect = true, ClientAuthentication = CatalogClientAuthentication.Basic };

    private static ResponseShape Shape(string id) => ResponseShapes.Find(id)!;

    private ProviderEndpoints Add(CatalogDeclaration declaration, string? shape = null) =>
        Emulator.AddCatalogProvider(declaration, shape is null ? null : Shape(shape));

    private string AuthorizeUrl(string provider, string? challenge, params (string, string?)[] extra) =>
        Browser.AuthorizeUrl(provider, [("scope", "identify email"), ("state", "st-1"), ("code_challenge", challenge), ("code_challenge_method", challenge is null ? null : "S256"), .. extra]);

    private async Task<(HttpStatusCode Status, JsonElement Json)> TokenAsync(string url, params (string, string?)[] fields)
    {
        using var response = await Browser.Http.PostFormAsync(url, fields);
        return (response.StatusCode, await response.JsonAsync());
    }

    /// <summary>Signs <paramref name="person"/> in at the post-authenticated provider and returns the token response.</summary>
    private async Task<JsonElement> SignInAsync(string provider, string person = "kim", string? nonce = null)
    {
        var (verifier, challenge) = Api.Pkce();
        var code = await Browser.CodeAsync(provider, AuthorizeUrl(provider, challenge, ("nonce", nonce)), person);
        var (status, token) = await ExchangeAsync(provider, code, verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        return token;
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> ExchangeAsync(string provider, string code, string? verifier, string redirectUri = Browser.Callback)
    {
        var app = Emulator.Client(provider);
        return TokenAsync(Emulator.EndpointsFor(provider).TokenEndpoint, ("grant_type", "authorization_code"), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", redirectUri), ("code", code), ("code_verifier", verifier));
    }

    private static void AssertRecordedError(ResponseShape shape, (HttpStatusCode Status, JsonElement Json) answer)
    {
        var (status, body) = shape.Error!.Value;
        Assert.Equal(status, (int)answer.Status);
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(answer.Json.GetRawText())), answer.Json.GetRawText());
    }

    [Fact]
    public void Only_a_provider_with_a_recorded_shape_and_no_hand_written_emulator_is_added()
    {
        Assert.Throws<ArgumentException>(() => Emulator.AddCatalogProvider(new CatalogDeclaration("google", "Google")));
        Assert.Throws<ArgumentException>(() => Emulator.AddCatalogProvider(new CatalogDeclaration("no-such-provider", "Nobody")));
        Assert.Throws<ArgumentException>(() => Emulator.AddCatalogProvider(new CatalogDeclaration("../discord", "Discord"), Shape("discord")));
        Assert.Throws<ArgumentException>(() => Emulator.AddCatalogProvider(Discord with { ProfilePath = Discord.TokenPath }));
        Assert.Equal(Emulator.BaseAddress + "/discord/api/users/@me", Add(Discord).UserInfoEndpoint);
    }

    [Fact]
    public async Task The_token_answer_is_the_recorded_one_with_fresh_tokens_and_the_profile_is_the_recorded_profile()
    {
        var urls = Add(Discord);
        var shape = Shape("discord");

        var (verifier, challenge) = Api.Pkce();
        var callback = await Browser.SignInAsync("discord", AuthorizeUrl("discord", challenge));
        var (status, token) = await ExchangeAsync("discord", callback["code"], verifier);
        using var profile = await Browser.Http.GetWithBearerAsync(urls.UserInfoEndpoint, token.Str("access_token"));

        Assert.Equal("st-1", callback["state"]);
        Assert.Equal(HttpStatusCode.OK, status);
        var recorded = shape.Token;
        Assert.Equal(recorded.Select(m => m.Key).Order(), token.EnumerateObject().Select(m => m.Name).Order());
        Assert.NotEqual(recorded["access_token"]!.GetValue<string>(), token.Str("access_token"));
        Assert.NotEqual(recorded["refresh_token"]!.GetValue<string>(), token.Str("refresh_token"));
        Assert.Equal(604800, token.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.True(JsonNode.DeepEquals(shape.Profile, JsonNode.Parse(await profile.Content.ReadAsStringAsync())));
        Assert.Equal(1, Emulator.CountRequests("discord", EmulatorEndpoint.UserInfo));
    }

    /// <summary>Signs kim in at <paramref name="provider"/> (no PKCE) and returns the token endpoint's status and raw answer.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Json)> CodeExchangeAsync(string provider)
    {
        var callback = await Browser.SignInAsync(provider, AuthorizeUrl(provider, null));
        return await ExchangeAsync(provider, callback["code"], null);
    }

    [Fact]
    public async Task A_token_answer_that_is_not_RFC_6749_is_served_as_recorded_with_nothing_added()
    {
        Add(new CatalogDeclaration("qiita", "Qiita"));
        Add(new CatalogDeclaration("instagram", "Instagram"));

        var app = Emulator.Client("qiita");
        var code = (await DocumentedSignInAsync("qiita"))["code"];
        using var qiitaAnswer = await SendTokenAsync("qiita", HttpMethod.Post, "json", // Qiita's documented request: a JSON body
            [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Browser.Callback), ("client_id", app.ClientId), ("client_secret", app.ClientSecret)]);
        var (qiitaStatus, qiita) = (qiitaAnswer.StatusCode, await qiitaAnswer.JsonAsync());
        var (instagramStatus, instagram) = await CodeExchangeAsync("instagram");

        // Qiita: 201 {"client_id","scopes","token"}, the fresh token in "token" and no access_token
        Assert.Equal(HttpStatusCode.Created, qiitaStatus);
        Assert.Equal(["client_id", "scopes", "token"], qiita.EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.NotEqual(Shape("qiita").Token["token"]!.GetValue<string>(), qiita.Str("token"));
        // Instagram: 200 {"data":[{"access_token","user_id","permissions"}]}, the fresh token inside the envelope only
        Assert.Equal(HttpStatusCode.OK, instagramStatus);
        Assert.Equal(["data"], instagram.EnumerateObject().Select(m => m.Name));
        var inner = instagram.GetProperty("data")[0];
        Assert.NotEqual(Shape("instagram").Token["data"]![0]!["access_token"]!.GetValue<string>(), inner.Str("access_token"));
        using var profile = await Browser.Http.GetWithBearerAsync(Emulator.EndpointsFor("instagram").UserInfoEndpoint, inner.Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task A_profile_that_echoes_the_access_token_carries_the_one_presented()
    {
        var urls = Add(new CatalogDeclaration("hubspot", "HubSpot") { ProfilePath = "/oauth/v1/access-tokens" });
        var (_, token) = await CodeExchangeAsync("hubspot");
        var accessToken = token.Str("access_token");

        using var profile = await Browser.Http.GetAsync(new Uri(urls.UserInfoEndpoint + "/" + Uri.EscapeDataString(accessToken)));

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(accessToken, (await profile.JsonAsync()).Str("token"));
    }

    [Fact]
    public async Task A_provider_recorded_with_HS256_signs_its_id_tokens_with_the_client_secret()
    {
        Add(new CatalogDeclaration("line", "LINE") { OpenIdConnect = true });
        var secret = Emulator.Client("line").ClientSecret;

        var (_, token) = await CodeExchangeAsync("line");

        var idToken = Jwt.Parse(token.Str("id_token"));
        Assert.Equal("HS256", idToken.Header.GetProperty("alg").GetString());
        Assert.True(Encoding.UTF8.GetByteCount(secret) >= 32, "an HS256 key needs 256 bits (RFC 7518 §3.2)");
        Assert.Equal(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(idToken.SigningInput)), idToken.Signature);
    }

    [Fact]
    public async Task The_consent_page_says_whose_answer_the_provider_gives()
    {
        Add(Discord);

        var (_, html) = await Browser.OpenConsentPageAsync(AuthorizeUrl("discord", Api.Pkce().Challenge));

        Assert.Contains("Nelly, nelly@discord.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_refuses_an_unknown_client_an_unregistered_redirect_uri_another_response_type_and_a_missing_or_plain_challenge()
    {
        var urls = Add(Discord);
        var app = Emulator.Client("discord");
        var challenge = Api.Pkce().Challenge;

        using var unknownClient = await Browser.Http.GetAsync(new Uri(Browser.Url(urls.AuthorizationEndpoint, [("response_type", "code"), ("client_id", "someone-else"), ("redirect_uri", Browser.Callback), ("code_challenge", challenge), ("code_challenge_method", "S256")])));
        using var badRedirect = await Browser.Http.GetAsync(new Uri(Browser.Url(urls.AuthorizationEndpoint, [("response_type", "code"), ("client_id", app.ClientId), ("redirect_uri", "https://attacker.example/cb"), ("code_challenge", challenge), ("code_challenge_method", "S256")])));
        using var token = await Browser.Http.GetAsync(new Uri(AuthorizeUrl("discord", challenge).Replace("response_type=code", "response_type=token", StringComparison.Ordinal)));
        using var noChallenge = await Browser.Http.GetAsync(new Uri(AuthorizeUrl("discord", null)));
        using var plain = await Browser.Http.GetAsync(new Uri(AuthorizeUrl("discord", challenge).Replace("code_challenge_method=S256", "code_challenge_method=plain", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, unknownClient.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRedirect.StatusCode);
        Assert.Equal("unsupported_response_type", Browser.Query(token.Headers.Location!.OriginalString)["error"]);
        Assert.Equal("invalid_request", Browser.Query(noChallenge.Headers.Location!.OriginalString)["error"]);
        Assert.Equal("st-1", Browser.Query(noChallenge.Headers.Location!.OriginalString)["state"]);
        Assert.Equal("invalid_request", Browser.Query(plain.Headers.Location!.OriginalString)["error"]);
    }

    [Fact]
    public async Task Without_required_PKCE_a_request_without_a_challenge_gets_a_code_and_needs_no_verifier()
    {
        Add(Discord with { RequirePkce = false });

        var code = await Browser.CodeAsync("discord", AuthorizeUrl("discord", null));
        var (status, _) = await ExchangeAsync("discord", code, verifier: null);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_code_is_used_once_expires_and_needs_its_redirect_uri_and_verifier_each_failure_answered_with_the_recorded_error()
    {
        Add(Discord);
        var shape = Shape("discord");
        async Task<(string Code, string Verifier)> CodeAsync()
        {
            var (verifier, challenge) = Api.Pkce();
            return (await Browser.CodeAsync("discord", AuthorizeUrl("discord", challenge)), verifier);
        }

        var (used, usedVerifier) = await CodeAsync();
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync("discord", used, usedVerifier)).Status);
        AssertRecordedError(shape, await ExchangeAsync("discord", used, usedVerifier));

        var (wrongVerifier, _) = await CodeAsync();
        AssertRecordedError(shape, await ExchangeAsync("discord", wrongVerifier, Api.Pkce().Verifier));

        var (wrongRedirect, verifier) = await CodeAsync();
        AssertRecordedError(shape, await ExchangeAsync("discord", wrongRedirect, verifier, "http://127.0.0.1:5000/other"));

        var (expired, expiredVerifier) = await CodeAsync();
        Clock.Advance(TimeSpan.FromMinutes(11));
        AssertRecordedError(shape, await ExchangeAsync("discord", expired, expiredVerifier));
    }

    [Theory]
    [InlineData(CatalogClientAuthentication.Post, "basic")]
    [InlineData(CatalogClientAuthentication.Post, "none")]
    [InlineData(CatalogClientAuthentication.Basic, "post")]
    [InlineData(CatalogClientAuthentication.None, "post")]
    [InlineData(CatalogClientAuthentication.None, "basic")]
    public async Task The_client_authenticates_as_declared_and_no_other_way(CatalogClientAuthentication declared, string sent)
    {
        var urls = Add(Discord with { ClientAuthentication = declared, RequirePkce = false });
        var app = Emulator.Client("discord");
        var right = await Browser.CodeAsync("discord", AuthorizeUrl("discord", null));
        var wrong = await Browser.CodeAsync("discord", AuthorizeUrl("discord", null));

        var accepted = await ExchangeAsync(Authenticated(declared.ToString().ToLowerInvariant(), right));
        var refused = await ExchangeAsync(Authenticated(sent, wrong));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_client", (await refused.JsonAsync()).Str("error"));

        HttpRequestMessage Authenticated(string how, string code)
        {
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", Browser.Callback) };
            var request = new HttpRequestMessage(HttpMethod.Post, urls.TokenEndpoint);
            if (how == "basic") request.Headers.Authorization = new("Basic", Api.Basic(app.ClientId, app.ClientSecret));
            else form.Add(new("client_id", app.ClientId));
            if (how == "post") form.Add(new("client_secret", app.ClientSecret));
            request.Content = new FormUrlEncodedContent(form);
            return request;
        }

        async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request)
        {
            using (request) return await Browser.Http.SendAsync(request);
        }
    }

    [Fact]
    public async Task The_profile_takes_the_access_token_in_any_authorization_scheme_or_a_parameter_and_refuses_any_other_token()
    {
        var urls = Add(Discord with { ProfileTokenParameter = "token" });
        var access = (await SignInAsync("discord")).Str("access_token");
        var profile = urls.UserInfoEndpoint;

        using var oauthScheme = await Browser.Http.GetWithBearerAsync(profile, access, "OAuth");
        using var query = await Browser.Http.GetAsync(new Uri(profile + "?access_token=" + access));
        using var declared = await Browser.Http.GetAsync(new Uri(profile + "?token=" + access));
        using var wrong = await Browser.Http.GetWithBearerAsync(profile, access + "x");
        using var none = await Browser.Http.GetAsync(new Uri(profile));
        using var post = await Browser.Http.PostFormAsync(profile, ("oauth_token", access));

        Assert.Equal(HttpStatusCode.OK, oauthScheme.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode); // the declaration says GET
    }

    [Fact]
    public async Task A_profile_declared_POST_answers_POST_only_and_an_expired_token_is_refused()
    {
        var urls = Add(Discord with { ProfileMethod = "POST" });
        var access = (await SignInAsync("discord")).Str("access_token");

        using var post = await Browser.Http.PostWithBearerAsync(urls.UserInfoEndpoint, access);
        using var get = await Browser.Http.GetWithBearerAsync(urls.UserInfoEndpoint, access);
        Clock.Advance(TimeSpan.FromSeconds(604800));
        using var expired = await Browser.Http.PostWithBearerAsync(urls.UserInfoEndpoint, access);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token_and_an_unknown_one_the_recorded_error()
    {
        var urls = Add(Discord);
        var app = Emulator.Client("discord");
        var first = await SignInAsync("discord");

        var refreshed = await TokenAsync(urls.TokenEndpoint, ("grant_type", "refresh_token"), ("refresh_token", first.Str("refresh_token")), ("client_id", app.ClientId), ("client_secret", app.ClientSecret));
        var unknown = await TokenAsync(urls.TokenEndpoint, ("grant_type", "refresh_token"), ("refresh_token", "not-issued"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret));

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(first.Str("access_token"), refreshed.Json.Str("access_token"));
        using var profile = await Browser.Http.GetWithBearerAsync(urls.UserInfoEndpoint, refreshed.Json.Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        AssertRecordedError(Shape("discord"), unknown);
    }

    [Fact]
    public async Task Revoking_a_token_ends_the_grant()
    {
        var urls = Add(Discord);
        var access = (await SignInAsync("discord")).Str("access_token");

        using var revoke = await Browser.Http.PostFormAsync(urls.RevocationEndpoint!, ("token", access));
        using var profile = await Browser.Http.GetWithBearerAsync(urls.UserInfoEndpoint, access);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, profile.StatusCode);
    }

    [Fact]
    public async Task An_OpenID_Connect_provider_has_discovery_JWKS_and_a_signed_id_token_of_the_recorded_claims()
    {
        var urls = Add(Oidc, "google");
        var app = Emulator.Client("shape-oidc");
        var (verifier, challenge) = Api.Pkce();
        var code = await Browser.CodeAsync("shape-oidc", AuthorizeUrl("shape-oidc", challenge, ("nonce", "n-1")));

        using var discovery = await Browser.Http.GetAsync(new Uri(urls.DiscoveryEndpoint!));
        var config = await discovery.JsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Str("token_endpoint"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", Browser.Callback), new("code_verifier", verifier)]),
        };
        request.Headers.Authorization = new("Basic", Api.Basic(app.ClientId, app.ClientSecret));
        using var tokenResponse = await Browser.Http.SendAsync(request);
        var token = await tokenResponse.JsonAsync();
        using var jwks = await Browser.Http.GetAsync(new Uri(config.Str("jwks_uri")));
        var idToken = Jwt.Parse(token.Str("id_token"));

        Assert.Equal(Emulator.BaseAddress + "/shape-oidc", config.Str("issuer"));
        Assert.Equal(["client_secret_basic"], config.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.True(idToken.VerifiesWith(await jwks.JsonAsync()));
        var claims = idToken.Payload;
        Assert.Equal(config.Str("issuer"), claims.Str("iss"));
        Assert.Equal(app.ClientId, claims.Str("aud"));
        Assert.Equal("n-1", claims.Str("nonce"));
        Assert.Equal("110169484474386276334", claims.Str("sub"));
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
        Assert.True(claims.GetProperty("exp").GetInt64() > claims.GetProperty("iat").GetInt64());
        Assert.True(claims.Has("auth_time"));
        using var userInfo = await Browser.Http.GetWithBearerAsync(config.Str("userinfo_endpoint"), token.Str("access_token"));
        Assert.Equal("110169484474386276334", (await userInfo.JsonAsync()).Str("sub"));
    }

    [Fact]
    public async Task A_person_whose_email_is_not_verified_gets_the_recorded_unverified_answers()
    {
        var oidc = Add(Oidc with { ClientAuthentication = CatalogClientAuthentication.Post }, "google");
        var github = Add(new CatalogDeclaration("shape-emails", "Shape emails"), "github");

        var verified = await SignInAsync("shape-oidc", "kim");
        var unverified = await SignInAsync("shape-oidc", "park");
        using var verifiedProfile = await Browser.Http.GetWithBearerAsync(oidc.UserInfoEndpoint, verified.Str("access_token"));
        using var unverifiedProfile = await Browser.Http.GetWithBearerAsync(oidc.UserInfoEndpoint, unverified.Str("access_token"));
        var emailsToken = (await SignInAsync("shape-emails", "park")).Str("access_token");
        using var emails = await Browser.Http.GetWithBearerAsync(github.EmailsEndpoint!, emailsToken);
        using var noToken = await Browser.Http.GetAsync(new Uri(github.EmailsEndpoint!));

        Assert.True((await verifiedProfile.JsonAsync()).GetProperty("email_verified").GetBoolean());
        Assert.True(Jwt.Parse(verified.Str("id_token")).Payload.GetProperty("email_verified").GetBoolean());
        Assert.False((await unverifiedProfile.JsonAsync()).GetProperty("email_verified").GetBoolean());
        Assert.False(Jwt.Parse(unverified.Str("id_token")).Payload.GetProperty("email_verified").GetBoolean());
        Assert.True(JsonNode.DeepEquals(Shape("github").Unverified!.Emails, JsonNode.Parse(await emails.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    [Fact]
    public async Task A_shape_without_a_refresh_token_has_no_refresh_grant_and_faults_apply_to_catalog_endpoints()
    {
        var urls = Add(Oidc with { ClientAuthentication = CatalogClientAuthentication.Post }, "google");
        var app = Emulator.Client("shape-oidc");
        var token = await SignInAsync("shape-oidc");
        Emulator.Faults.Set("shape-oidc", EmulatorEndpoint.UserInfo, Fault.ServerError);

        var refresh = await TokenAsync(urls.TokenEndpoint, ("grant_type", "refresh_token"), ("refresh_token", "anything"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret));
        using var profile = await Browser.Http.GetWithBearerAsync(urls.UserInfoEndpoint, token.Str("access_token"));

        Assert.False(token.Has("refresh_token"));
        Assert.Equal("unsupported_grant_type", refresh.Json.Str("error"));
        Assert.Equal(HttpStatusCode.InternalServerError, profile.StatusCode);
    }

    /// <summary>A token request to a provider served from its real shape: <paramref name="body"/> is <c>form</c>, <c>json</c> or <c>query</c>.</summary>
    private async Task<HttpResponseMessage> SendTokenAsync(string provider, HttpMethod method, string body, IEnumerable<(string Name, string Value)> fields,
        (string Id, string Secret)? basic = null, string? userAgent = null)
    {
        var url = Emulator.EndpointsFor(provider).TokenEndpoint;
        var list = fields.ToList();
        using var request = new HttpRequestMessage(method, body == "query" ? Browser.Url(url, list.Select(f => (f.Name, (string?)f.Value))) : url);
        if (body == "json") request.Content = new StringContent(new JsonObject(list.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Value))).ToJsonString(),
            System.Text.Encoding.UTF8, "application/json");
        if (body == "form") request.Content = new FormUrlEncodedContent(list.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        if (basic is { } b) request.Headers.Authorization = new("Basic", Api.Basic(b.Id, b.Secret));
        if (userAgent is not null) request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await Browser.Http.SendAsync(request);
    }

    /// <summary>A code for <paramref name="provider"/>, asked for with the client id under the shape's documented name.</summary>
    private async Task<Dictionary<string, string>> DocumentedSignInAsync(string provider)
    {
        var app = Emulator.Client(provider);
        return await Browser.SignInAsync(provider, Browser.Url(Emulator.EndpointsFor(provider).AuthorizationEndpoint,
            [("response_type", "code"), (Shape(provider).TokenRequest.ClientId, app.ClientId), ("redirect_uri", Browser.Callback), ("state", "st-1")]));
    }

    public static TheoryData<string, string, string> DocumentedFormats => new()
    {
        { "qiita", "POST", "json" }, { "trakt", "POST", "json" }, { "atlassian", "POST", "json" }, { "foursquare", "GET", "query" },
        { "deezer", "GET", "query" }, { "tiktok", "POST", "form" }, { "discord", "POST", "form" },
    };

    [Theory]
    [MemberData(nameof(DocumentedFormats))]
    public async Task The_token_endpoint_takes_the_documented_request_format_only(string provider, string method, string body)
    {
        Add(new CatalogDeclaration(provider, provider));
        var documented = Shape(provider).TokenRequest;
        var app = Emulator.Client(provider);
        var code = (await DocumentedSignInAsync(provider))["code"];
        (string, string)[] rfc = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Browser.Callback), ("client_id", app.ClientId), ("client_secret", app.ClientSecret)];
        (string, string)[] asDocumented = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Browser.Callback),
            (documented.ClientId, app.ClientId), (documented.ClientSecret, app.ClientSecret), .. documented.Parameters.Select(p => (p.Key, p.Value))];

        using var otherBody = await SendTokenAsync(provider, new HttpMethod(method), body == "json" ? "form" : "json", asDocumented);
        using var rfcDefault = await SendTokenAsync(provider, HttpMethod.Post, "form", rfc);
        using var accepted = await SendTokenAsync(provider, new HttpMethod(method), body, asDocumented);

        AssertRecordedError(Shape(provider), (otherBody.StatusCode, await otherBody.JsonAsync()));
        if (provider == "discord") Assert.Equal(HttpStatusCode.OK, rfcDefault.StatusCode); // RFC 6749 is what Discord documents (the code is used up)
        else if (method == "GET") Assert.Equal(HttpStatusCode.MethodNotAllowed, rfcDefault.StatusCode);
        else if (body == "json") AssertRecordedError(Shape(provider), (rfcDefault.StatusCode, await rfcDefault.JsonAsync()));
        else Assert.Equal(HttpStatusCode.Unauthorized, rfcDefault.StatusCode); // TikTok: client_id is not client_key
        if (provider != "discord") Assert.Equal((HttpStatusCode)Shape(provider).TokenStatus, accepted.StatusCode); // Qiita: 201
    }

    [Fact]
    public async Task Deezer_wants_output_json_and_authorize_knows_the_client_and_scopes_only_by_their_documented_names()
    {
        var urls = Add(new CatalogDeclaration("deezer", "Deezer") { ScopeSeparator = "," });
        var app = Emulator.Client("deezer");
        using var rfcAuthorize = await Browser.Http.GetAsync(new Uri(Browser.Url(urls.AuthorizationEndpoint, [("response_type", "code"), ("client_id", app.ClientId), ("redirect_uri", Browser.Callback)])));
        var code = (await DocumentedSignInAsync("deezer"))["code"];
        (string, string)[] fields = [("grant_type", "authorization_code"), ("redirect_uri", Browser.Callback), ("app_id", app.ClientId), ("secret", app.ClientSecret), ("code", code)];

        using var noOutput = await SendTokenAsync("deezer", HttpMethod.Get, "query", fields);
        using var json = await SendTokenAsync("deezer", HttpMethod.Get, "query", [.. fields, ("output", "json")]);

        Assert.Equal(HttpStatusCode.BadRequest, rfcAuthorize.StatusCode);
        Assert.Equal("OAuthException", (await noOutput.JsonAsync()).GetProperty("error").Str("type"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("perms", Shape("deezer").TokenRequest.Scope);
    }

    [Fact]
    public async Task The_callback_carries_a_fresh_device_id_that_the_code_exchange_must_send_back()
    {
        Add(new CatalogDeclaration("vk", "VK ID") { ClientAuthentication = CatalogClientAuthentication.None });
        var app = Emulator.Client("vk");
        var first = await DocumentedSignInAsync("vk");
        var second = await DocumentedSignInAsync("vk");
        (string, string)[] Exchange(string code) => [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Browser.Callback), ("client_id", app.ClientId)];

        using var without = await SendTokenAsync("vk", HttpMethod.Post, "form", Exchange(first["code"]));
        using var another = await SendTokenAsync("vk", HttpMethod.Post, "form", [.. Exchange(second["code"]), ("device_id", first["device_id"])]);
        var third = await DocumentedSignInAsync("vk");
        using var right = await SendTokenAsync("vk", HttpMethod.Post, "form", [.. Exchange(third["code"]), ("device_id", third["device_id"])]);

        Assert.NotEqual(first["device_id"], second["device_id"]);
        Assert.Equal("invalid_grant", (await without.JsonAsync()).Str("error"));
        Assert.Equal("invalid_grant", (await another.JsonAsync()).Str("error"));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Reddit_rate_limits_a_call_without_a_user_agent_naming_the_app()
    {
        var urls = Add(new CatalogDeclaration("reddit", "Reddit") { ClientAuthentication = CatalogClientAuthentication.Basic });
        var app = Emulator.Client("reddit");
        var descriptive = $"web:{app.ClientId}:v1 (by Daemun)";
        (string, string)[] Exchange(string code) => [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Browser.Callback)];
        var code = (await DocumentedSignInAsync("reddit"))["code"];

        using var none = await SendTokenAsync("reddit", HttpMethod.Post, "form", Exchange(code), (app.ClientId, app.ClientSecret));
        using var generic = await SendTokenAsync("reddit", HttpMethod.Post, "form", Exchange(code), (app.ClientId, app.ClientSecret), "Daemun/1.0");
        using var otherApp = await SendTokenAsync("reddit", HttpMethod.Post, "form", Exchange(code), (app.ClientId, app.ClientSecret), "web:someone-else:v1 (by Daemun)");
        using var named = await SendTokenAsync("reddit", HttpMethod.Post, "form", Exchange(code), (app.ClientId, app.ClientSecret), descriptive);
        var token = (await named.JsonAsync()).Str("access_token");
        using var profileGeneric = await Browser.Http.GetWithBearerAsync(urls.UserInfoEndpoint, token);
        using var profileRequest = new HttpRequestMessage(HttpMethod.Get, urls.UserInfoEndpoint) { Headers = { Authorization = new("Bearer", token) } };
        profileRequest.Headers.TryAddWithoutValidation("User-Agent", descriptive);
        using var profile = await Browser.Http.SendAsync(profileRequest);

        Assert.All([none, generic, otherApp, profileGeneric], r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }
}
