using System.Net;
using System.Reflection;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Emulator.Catalog;
using Daemun.Errors;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Every built-in provider, signed in through end to end over real HTTP (authorize → consent → token → profile → account) against
/// the emulator, on one server configured with all of them and no credentials: the stored account is the documented person of the
/// provider's recorded response shape (<c>expect</c>), and a person whose email the provider has not verified is stored unverified.</summary>
public sealed class CatalogSignInTests(CatalogSite f) : IClassFixture<CatalogSite>
{
    /// <summary>The seeded person with a verified email, and the one whose email is not verified.</summary>
    private const string Verified = "kim", Unverified = "park";

    public static TheoryData<string> BuiltIns => [.. ProviderCatalog.BuiltInIds.Where(id => !HasItsOwnEndToEndTest(id))];

    /// <summary>The OAuth 1.0a built-ins sign in end to end in <see cref="OAuth1SignInTests"/> (their own emulator), Apple in
    /// <see cref="AppleSignInTests"/> (form_post, its client secret JWT checked by its own emulator).</summary>
    private static bool HasItsOwnEndToEndTest(string id) => ProviderCatalog.For(id)!.Kind == ProviderKind.OAuth1 || id == Apple.Id;

    public static TheoryData<string> VerifyingBuiltIns => [.. Ids(BuiltIns).Where(id => !ProviderCatalog.For(id)!.NeverVerifiesEmails)];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public async Task SigningInStoresTheProvidersDocumentedPerson(string id)
    {
        try
        {
            var before = Requests(id);
            using var browser = f.Site.NewBrowser();

            var (account, user) = await SignInAsync(browser, id, Verified);

            var expect = Expected(id, Verified);
            Assert.Equal(expect, account);
            Assert.Equal(expect.Name, user.Name);
            Assert.Equal(expect.Email, user.Email);
            Assert.Equal(expect.EmailVerified, user.EmailVerified);
            var after = Requests(id);
            Assert.True(after.Authorize > before.Authorize && after.Token > before.Token, $"{id}: the sign-in did not go through the emulator's authorize and token endpoints");
            if (!CatalogSite.HandWritten(id) && ResponseShapes.Find(id)!.Profile is not null)
            {
                Assert.True(after.Profile > before.Profile, $"{id}: the profile endpoint was not asked");
            }
            foreach (var secret in Secrets(id)) Assert.DoesNotContain(secret, f.Site.Logs.All, StringComparison.Ordinal);
            await DeleteUserAndUnlinkAsync(browser, id);
        }
        finally
        {
            f.ForgetProvider(id);
        }
    }

    [Theory]
    [MemberData(nameof(VerifyingBuiltIns))]
    public async Task APersonWhoseEmailIsNotVerifiedIsStoredUnverified(string id)
    {
        try
        {
            using var browser = f.Site.NewBrowser();

            var (account, user) = await SignInAsync(browser, id, Unverified);

            var expect = Expected(id, Unverified);
            Assert.Equal(expect.Id, account.Id);
            if (CatalogSite.HandWritten(id)) Assert.Equal(expect.Email, account.Email); // a recorded unverified answer may also drop the address
            Assert.False(account.EmailVerified, $"{id}: the unverified answer was taken as verified (EmailVerifiedRule: {ProviderCatalog.For(id)!.EmailVerifiedRule})");
            Assert.False(user.EmailVerified);
        }
        finally
        {
            f.ForgetProvider(id);
        }
    }

    [Fact]
    public async Task TheProvidersEndpointListsEveryBuiltIn()
    {
        using var browser = f.Site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/providers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(ProviderCatalog.BuiltInIds, listed);
    }

    [Fact]
    public void EveryDeclarationHasAnEndToEndCase()
    {
        var declared = typeof(ProviderCatalog).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<BuiltInProviderAttribute>()?.Id).OfType<string>().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(declared, Ids(BuiltIns).Concat(Ids(OAuth1SignInTests.OAuth1BuiltIns)).Append(Apple.Id).Order(StringComparer.Ordinal));
        Assert.Equal(declared.Where(id => !HasItsOwnEndToEndTest(id) && !ProviderCatalog.For(id)!.NeverVerifiesEmails), Ids(VerifyingBuiltIns));
        Assert.True(declared.SequenceEqual(CatalogSite.Served),
            $"served by no emulator (record Catalog/Shapes/{{id}}.json): {string.Join(", ", declared.Except(CatalogSite.Served))}");
    }

    // --- providers whose token answer, id_token or profile differs (each proven end to end above; here what they must refuse or hide) ---

    [Fact]
    public async Task MattermostsOwnErrorBodyIsATokenRefusalWithItsOAuthCode()
    {
        try
        {
            using var browser = f.Site.NewBrowser();
            var pending = await PendingCallback.StartAsync(browser, Mattermost.Id);

            using var response = await browser.GetAsync(pending.With("code", "a-code-the-server-never-issued"));

            // Mattermost answers 400 {"id":"api.oauth.get_access_token.expired_code.app_error","message":"invalid_grant: …","status_code":400}
            await Refusal.AssertAsync(f.Site, browser, response, ErrorCode.TokenRequestFailed, pending.Secrets);
            Assert.Contains(f.Site.Logs.Lines, l => l.Contains("TokenRequestFailed: token: HTTP 400, error=invalid_grant", StringComparison.Ordinal));
            Assert.Equal(0L, f.Site.Count("accounts", $"provider = '{Mattermost.Id}'"));
        }
        finally
        {
            f.ForgetProvider(Mattermost.Id);
        }
    }

    [Fact]
    public async Task HubSpotsTokenInformationIsStoredWithoutTheAccessTokenItEchoes()
    {
        try
        {
            using var browser = f.Site.NewBrowser();
            await SignInAsync(browser, HubSpot.Id, Verified);

            var profile = f.Site.Emulator.Requests.Last(r => r.Provider == HubSpot.Id && r.Endpoint == EmulatorEndpoint.UserInfo);
            var accessToken = Uri.UnescapeDataString(profile.Path[(profile.Path.LastIndexOf('/') + 1)..]); // GET /oauth/v1/access-tokens/{token}
            Assert.True(accessToken.Length >= 32, $"not an issued access token: {accessToken}");
            var raw = (string)f.Site.Scalar($"SELECT raw_profile FROM accounts WHERE provider = '{HubSpot.Id}'")!;
            using var stored = JsonDocument.Parse(raw);
            Assert.False(stored.RootElement.TryGetProperty("token", out _), $"the stored profile keeps the token: {raw}");
            Assert.Equal(123, stored.RootElement.GetProperty("user_id").GetInt32()); // the rest of the answer is kept
            Assert.Equal("demo.hubapi.com", stored.RootElement.GetProperty("hub_domain").GetString());
            Assert.DoesNotContain(accessToken, raw, StringComparison.Ordinal);
            var leak = f.Site.Logs.Lines.FirstOrDefault(l => l.Contains(accessToken, StringComparison.Ordinal));
            Assert.True(leak is null, $"the access token reached the log: {leak}");
        }
        finally
        {
            f.ForgetProvider(HubSpot.Id);
        }
    }

    [Theory]
    [InlineData(IdTokenFault.Hs256WithAnotherSecret, "BadSignature")] // HS256, but not keyed by our channel secret
    [InlineData(IdTokenFault.Hs256WithPublicKey, "BadSignature")]     // HS256 keyed by the JWKS's public key: only the secret is ever the key
    [InlineData(IdTokenFault.AlgNone, "AlgorithmNotAllowed")]
    public async Task LinesIdTokenNotSignedWithTheChannelSecretIsRefused(IdTokenFault fault, string reason)
    {
        f.Site.Emulator.Faults.SetIdTokenFault(Line.Id, fault);
        try
        {
            using var browser = f.Site.NewBrowser();
            var pending = await PendingCallback.StartAsync(browser, Line.Id);

            using var response = await browser.GetAsync(pending.CallbackUrl);

            await Refusal.AssertAsync(f.Site, browser, response, ErrorCode.InvalidIdToken, pending.Secrets);
            Assert.Contains(f.Site.Logs.Lines, l => l.Contains($"InvalidIdToken: id_token: {reason}:", StringComparison.Ordinal));
            Assert.Equal(0L, f.Site.Count("accounts", $"provider = '{Line.Id}'"));
        }
        finally
        {
            f.Site.Emulator.Faults.SetIdTokenFault(Line.Id, IdTokenFault.None);
            f.ForgetProvider(Line.Id);
        }
    }

    [Fact]
    public async Task AzureAdB2CAsksForItsOwnClientIdAsAScope()
    {
        using var browser = f.Site.NewBrowser();

        var authorize = await browser.StartAsync(AzureAdB2C.Id);

        var scope = PendingCallback.Query(authorize, "scope");
        Assert.Equal($"openid offline_access {f.Site.Emulator.Client(AzureAdB2C.Id).ClientId}", scope);
    }

    private static IEnumerable<string> Ids(TheoryData<string> cases) => ((IEnumerable<object[]>)cases).Select(row => (string)row[0]);

    /// <summary>Signs <paramref name="person"/> in with a new browser and reads back the stored account and its user.</summary>
    private async Task<(ExpectedProfile Account, ExpectedProfile User)> SignInAsync(TestBrowser browser, string id, string person)
    {
        using var callback = await browser.SignInAsync(id, person, callbackUrl: "/welcome");
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && callback.Headers.Location?.ToString() == "/welcome",
            $"{id}: the sign-in ended at {(int)callback.StatusCode} {callback.Headers.Location} (error {TestBrowser.ErrorCodeOf(callback)}); log: {f.Site.Logs.All}");
        Assert.Equal(1L, f.Site.Count("accounts", $"provider = '{id}'"));
        var account = Row($"SELECT provider_account_id, name, email, email_verified, image FROM accounts WHERE provider = '{id}'");
        var user = Row($"SELECT a.provider_account_id, u.name, u.email, u.email_verified, u.image FROM users u JOIN accounts a ON a.user_id = u.id WHERE a.provider = '{id}'");
        return (account, user);
    }

    /// <summary>The person deletes their user on the account page: the link is removed at the provider (revoked, or the unlink API
    /// called, as the declaration says) and here.</summary>
    private async Task DeleteUserAndUnlinkAsync(TestBrowser browser, string id)
    {
        var unlink = ProviderCatalog.For(id)!.Unlink switch
        {
            UnlinkMethod.Revoke => EmulatorEndpoint.Revoke,
            UnlinkMethod.BearerPost => EmulatorEndpoint.Unlink,
            _ => (EmulatorEndpoint?)null,
        };
        var before = unlink is { } e ? f.Site.Emulator.CountRequests(id, e) : 0;

        using var deleted = await browser.PostFormAsync("/api/auth/account/delete",
            new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = "/goodbye" });

        Assert.True(deleted.Headers.Location?.ToString() == "/goodbye", $"{id}: deleting the user ended at {deleted.Headers.Location}");
        Assert.Equal(0L, f.Site.Count("accounts", $"provider = '{id}'"));
        if (unlink is { } endpoint) Assert.True(f.Site.Emulator.CountRequests(id, endpoint) > before, $"{id}: the link was not removed at the provider ({endpoint})");
    }

    /// <summary>The provider's client secret and every code, verifier, token and credential the emulator received for it.</summary>
    private IEnumerable<string> Secrets(string id)
    {
        yield return f.Site.Emulator.Client(id).ClientSecret;
        foreach (var r in f.Site.Emulator.Requests.Where(r => r.Provider == id && r.Endpoint != EmulatorEndpoint.Authorize))
        {
            foreach (var name in new[] { "code", "code_verifier", "client_secret", "secret", "refresh_token", "access_token", "token" })
            {
                if (r.Form.TryGetValue(name, out var v) && v.Length > 0) yield return v; // a form or JSON body
                if (r.Query.TryGetValue(name, out var q) && q.Length > 0) yield return q; // a GET token request (Foursquare, Deezer)
            }
            if (r.Headers.TryGetValue("Authorization", out var auth) && auth.Split(' ') is [_, var credential]) yield return credential;
        }
    }

    private ExpectedProfile Row(string sql)
    {
        using var connection = f.Site.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new(reader.GetString(0), Text(1), Text(2), Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) != 0, Text(4));
    }

    /// <summary>The recorded person for a catalog provider; for a hand-written emulator, what it answers for the seeded person.</summary>
    private ExpectedProfile Expected(string id, string person)
    {
        if (!CatalogSite.HandWritten(id))
        {
            var expect = ResponseShapes.Find(id)!.Expect;
            return person == Unverified ? expect with { EmailVerified = false } : expect;
        }
        var p = TestPerson.Seeded.Single(s => s.Id == person);
        var picture = f.Site.Emulator.BaseAddress + p.PictureUrl;
        var verified = p.EmailVerified && !ProviderCatalog.For(id)!.NeverVerifiesEmails;
        return id switch
        {
            Naver.Id => new(p.NaverId, p.Name, p.Email, verified, picture),
            Kakao.Id => new(p.KakaoId.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Nickname, p.Email, verified, picture),
            Google.Id => new(p.GoogleSub, p.Name, p.Email, verified, picture),
            GitHub.Id => new(p.GitHubId.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name, p.Email, verified, picture),
            _ => throw new InvalidOperationException($"{id} has a hand-written emulator this test does not know"),
        };
    }

    private (int Authorize, int Token, int Profile) Requests(string id) =>
        (f.Site.Emulator.CountRequests(id, EmulatorEndpoint.Authorize), f.Site.Emulator.CountRequests(id, EmulatorEndpoint.Token),
            f.Site.Emulator.CountRequests(id, EmulatorEndpoint.UserInfo));
}
