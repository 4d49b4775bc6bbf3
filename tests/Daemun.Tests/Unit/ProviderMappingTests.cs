using System.Net;
using System.Text;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Protocol;
using Daemun.Providers;
using Microsoft.Extensions.Options;

namespace Daemun.Tests.Unit;

/// <summary>Each built-in provider's profile mapping, fed the providers' documented sample responses (Unit/Fixtures).</summary>
public sealed class ProviderMappingTests
{
    // ---- Naver (docs/providers/naver.md §4) ----

    [Fact]
    public void NaverDocumentedProfileMapsIdNameEmailAndImageFromTheResponseEnvelope()
    {
        var fields = Naver.Map(Fixture("naver-me.json").GetProperty("response"));

        Assert.Equal("rQE_RsS0i5F8…", fields.Id);
        Assert.Equal("네이버", fields.Name);
        Assert.Equal("user@naver.com", fields.Email);
        Assert.Equal("https://phinf.pstatic.net/…/image.jpg", fields.Image);
    }

    [Fact]
    public void NaverNeverMarksAnEmailVerifiedSoEmailLinkingCannotApply()
    {
        var fields = Naver.Map(Fixture("naver-me.json").GetProperty("response"));

        Assert.False(fields.EmailVerified);
    }

    [Fact]
    public void NaverNameFallsBackToNicknameWhenTheNameWasDeclined()
    {
        var fields = Naver.Map(Fixture("naver-me-legacy-id-nickname-only.json").GetProperty("response"));

        Assert.Equal("id***", fields.Name);
        Assert.Null(fields.Email);
        Assert.Null(fields.Image);
    }

    [Theory]
    [InlineData("naver-me-legacy-id-nickname-only.json", "32742776")] // apps created before 2021-05: INT64 sent as a string
    [InlineData("naver-me-escaped.json", "rQE_RsS0i5F8mZq3K2xYbVwT9uJcLdHnPo4gAeIs7fU")] // newer apps: base64-style
    public void NaverOldNumericAndNewBase64IdsAreKeptExactlyAsStrings(string fixture, string id)
    {
        Assert.Equal(id, Naver.Map(Fixture(fixture).GetProperty("response")).Id);
    }

    [Fact]
    public void NaverEscapedUnicodeAndSlashesAreDecoded()
    {
        var fields = Naver.Map(Fixture("naver-me-escaped.json").GetProperty("response"));

        Assert.Equal("네이버", fields.Name);
        Assert.Equal("https://phinf.pstatic.net/contact/profile/image.jpg", fields.Image);
    }

    [Fact]
    public async Task NaverProfileIsUnwrappedFromItsEnvelopeAndTheRawAnswerKeepsEveryField()
    {
        var body = FixtureText("naver-me.json");

        var profile = await FetchProfileAsync(Naver.Defaults(), body);

        Assert.Equal("rQE_RsS0i5F8…", profile.ProviderAccountId);
        Assert.Equal("네이버", profile.Name);
        Assert.Equal(body, profile.Raw);
        var raw = JsonDocument.Parse(profile.Raw).RootElement.GetProperty("response");
        foreach (var field in new[] { "id", "nickname", "name", "email", "gender", "age", "birthday", "profile_image", "birthyear", "mobile" })
        {
            Assert.True(raw.TryGetProperty(field, out _), $"raw profile lost '{field}'");
        }
        Assert.Equal("20-29", raw.GetProperty("age").GetString());
        Assert.Equal("010-0000-0000", raw.GetProperty("mobile").GetString());
    }

    [Fact]
    public async Task NaverErrorResultCodeIsAProfileFailureEvenWithHttp200()
    {
        var failure = await Assert.ThrowsAsync<DaemunException>(() => FetchProfileAsync(Naver.Defaults(), FixtureText("naver-me-auth-failed.json")));

        Assert.Equal(ErrorCode.ProfileRequestFailed, failure.Code);
    }

    // ---- Kakao (docs/providers/kakao.md §3) ----

    [Fact]
    public void KakaoDocumentedProfileMapsIdNicknameVerifiedEmailAndImage()
    {
        var fields = Kakao.Map(Fixture("kakao-user-me.json"));

        Assert.Equal("1234567890123", fields.Id);
        Assert.Equal("홍길동", fields.Name);
        Assert.Equal("user@kakao.com", fields.Email);
        Assert.True(fields.EmailVerified);
        Assert.Equal("http://…", fields.Image);
    }

    [Theory]
    [InlineData("3141592653589")]
    [InlineData("9007199254740993")] // 2^53 + 1: a double would round it to ...992
    [InlineData("9223372036854775807")] // Int64.MaxValue
    public void KakaoInt64IdKeepsEveryDigit(string id)
    {
        using var doc = JsonDocument.Parse("{\"id\":" + id + ",\"kakao_account\":{}}");

        Assert.Equal(id, Kakao.Map(doc.RootElement).Id);
    }

    [Fact]
    public void KakaoIdAboveTwoToThe53FromAFixtureKeepsEveryDigit()
    {
        Assert.Equal("9007199254740993", Kakao.Map(Fixture("kakao-user-me-large-id-default-image.json")).Id);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    public void KakaoEmailIsVerifiedOnlyWhenBothValidAndVerified(bool valid, bool verified, bool expected)
    {
        using var doc = JsonDocument.Parse($$$"""
            {"id":1,"kakao_account":{"email_needs_agreement":false,"is_email_valid":{{{Bool(valid)}}},"is_email_verified":{{{Bool(verified)}}},"email":"user@kakao.com"}}
            """);

        var fields = Kakao.Map(doc.RootElement);

        Assert.Equal("user@kakao.com", fields.Email);
        Assert.Equal(expected, fields.EmailVerified);
    }

    [Fact]
    public void KakaoPlaceholderImageIsNoImage()
    {
        var fields = Kakao.Map(Fixture("kakao-user-me-large-id-default-image.json"));

        Assert.Null(fields.Image);
        Assert.Equal("지훈", fields.Name);
        Assert.False(fields.EmailVerified); // is_email_verified: false
    }

    [Fact]
    public void KakaoDeclinedItemsAreAbsentAndTheLegacyPropertiesNicknameIsUsed()
    {
        var fields = Kakao.Map(Fixture("kakao-user-me-declined.json"));

        Assert.Equal("2718281828459", fields.Id);
        Assert.Equal("서연", fields.Name);
        Assert.Null(fields.Email);
        Assert.False(fields.EmailVerified);
        Assert.Null(fields.Image);
    }

    [Fact]
    public async Task KakaoRawProfileKeepsTheInt64IdAndEveryField()
    {
        var body = FixtureText("kakao-user-me-large-id-default-image.json");

        var profile = await FetchProfileAsync(Kakao.Defaults(), body);

        Assert.Equal("9007199254740993", profile.ProviderAccountId);
        Assert.Equal(body, profile.Raw);
        Assert.Contains("9007199254740993", profile.Raw, StringComparison.Ordinal);
    }

    // ---- GitHub (REST API: GET /user, GET /user/emails) ----

    [Fact]
    public void GitHubUserMapsNumericIdNameAndAvatarButNeverTrustsItsEmailAsVerified()
    {
        var fields = GitHub.Map(Fixture("github-user.json"));

        Assert.Equal("1", fields.Id);
        Assert.Equal("monalisa octocat", fields.Name);
        Assert.Equal("octocat@github.com", fields.Email);
        Assert.False(fields.EmailVerified);
        Assert.Equal("https://github.com/images/error/octocat_happy.gif", fields.Image);
    }

    [Fact]
    public void GitHubUserWithoutANameFallsBackToTheLogin()
    {
        var fields = GitHub.Map(Fixture("github-user-private.json"));

        Assert.Equal("5820473", fields.Id);
        Assert.Equal("minjun-kim", fields.Name);
        Assert.Null(fields.Email);
    }

    [Fact]
    public void GitHubPrimaryVerifiedEmailPicksThePrimaryAddressNotTheFirst()
    {
        Assert.Equal(("octocat@github.com", true), GitHub.PrimaryVerifiedEmail(Fixture("github-emails.json")));
    }

    [Fact]
    public void GitHubPrimaryButUnverifiedEmailIsReturnedUnverified()
    {
        Assert.Equal(("new@example.com", false), GitHub.PrimaryVerifiedEmail(Fixture("github-emails-primary-unverified.json")));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"email":"a@example.com","verified":true,"primary":false}]""")]
    [InlineData("""{"message":"Requires authentication"}""")]
    public void GitHubEmailsWithoutAPrimaryAddressGiveNoEmail(string json)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(((string?)null, false), GitHub.PrimaryVerifiedEmail(doc.RootElement));
    }

    // ---- Google / any OIDC (standard claims) ----

    [Fact]
    public void GoogleUserInfoMapsTheStandardClaims()
    {
        var fields = StandardClaims.Map(Fixture("google-userinfo.json"));

        Assert.Equal("110169484474386276334", fields.Id);
        Assert.Equal("Jane Doe", fields.Name);
        Assert.Equal("jane.doe@gmail.com", fields.Email);
        Assert.True(fields.EmailVerified);
        Assert.Equal("https://lh3.googleusercontent.com/a/ACg8ocJ-example=s96-c", fields.Image);
    }

    [Fact]
    public void GoogleIdTokenClaimsWithAStringEmailVerifiedAreVerified()
    {
        var fields = StandardClaims.Map(Fixture("google-id-token-claims.json"));

        Assert.Equal("10769150350006150715113082367", fields.Id);
        Assert.Equal("jsmith@example.com", fields.Email);
        Assert.True(fields.EmailVerified); // Google's older id_tokens send "true" as a string
        Assert.Null(fields.Name);
    }

    [Theory]
    [InlineData("""{"sub":"1","email":"a@example.com"}""")]
    [InlineData("""{"sub":"1","email":"a@example.com","email_verified":false}""")]
    [InlineData("""{"sub":"1","email":"a@example.com","email_verified":"no"}""")]
    public void StandardClaimsEmailIsUnverifiedUnlessTheProviderSaysTrue(string json)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.False(StandardClaims.Map(doc.RootElement).EmailVerified);
    }

    [Fact]
    public void StandardClaimsNameFallsBackToPreferredUsername()
    {
        using var doc = JsonDocument.Parse("""{"sub":"abc","preferred_username":"jdoe"}""");

        Assert.Equal("jdoe", StandardClaims.Map(doc.RootElement).Name);
    }

    // ---- Generic OAuth 2.0 by JSON paths ----

    [Fact]
    public void GenericOAuth2ReadsEachFieldFromItsDotPath()
    {
        var map = GenericOAuth2.ByPaths(new ProfilePaths(
            Id: "id", Name: "kakao_account.profile.nickname", Email: "kakao_account.email",
            EmailVerified: "kakao_account.is_email_verified", Image: "kakao_account.profile.profile_image_url"));

        var fields = map(Fixture("kakao-user-me.json"));

        Assert.Equal("1234567890123", fields.Id);
        Assert.Equal("홍길동", fields.Name);
        Assert.Equal("user@kakao.com", fields.Email);
        Assert.True(fields.EmailVerified);
        Assert.Equal("http://…", fields.Image);
    }

    [Fact]
    public void GenericOAuth2MissingPathsGiveNullAndUnverified()
    {
        var map = GenericOAuth2.ByPaths(new ProfilePaths(Id: "data.user.id", Name: "data.user.name", Email: "data.user.mail", EmailVerified: null, Image: "data.user.avatar"));
        using var doc = JsonDocument.Parse("""{"data":{"user":{"id":9007199254740993,"name":"A","email_verified":true}}}""");

        var fields = map(doc.RootElement);

        Assert.Equal("9007199254740993", fields.Id);
        Assert.Equal("A", fields.Name);
        Assert.Null(fields.Email);
        Assert.False(fields.EmailVerified);
        Assert.Null(fields.Image);
    }

    // ---- helpers ----

    private static string Bool(bool b) => b ? "true" : "false";

    private static string FixtureText(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Unit", "Fixtures", name), Encoding.UTF8);

    private static JsonElement Fixture(string name)
    {
        using var doc = JsonDocument.Parse(FixtureText(name));
        return doc.RootElement.Clone();
    }

    /// <summary>Runs the engine's profile step against a canned provider answer (no network).</summary>
    private static Task<NormalizedProfile> FetchProfileAsync(ProviderOptions provider, string body)
    {
        var http = new ProviderHttp(new CannedClients(body), Options.Create(new DaemunOptions()));
        var endpoints = new ResolvedEndpoints("https://provider.test/authorize", "https://provider.test/token", "https://provider.test/me", null, null);
        var tokens = new TokenSet("access-token", null, null, "bearer", null, null);
        return new ProfileClient(http).FetchAsync(provider, endpoints, tokens, null, CancellationToken.None);
    }

    private sealed class CannedClients(string body) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new CannedHandler(body));
    }

    private sealed class CannedHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Always HTTP 200: the body alone must decide (Naver's resultcode envelope).
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            return Task.FromResult(response);
        }
    }
}
