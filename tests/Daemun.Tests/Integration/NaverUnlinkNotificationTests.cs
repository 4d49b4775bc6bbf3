using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Naver's unlink notification (naver.md §8): a verified one removes the link and its tokens here and answers 204;
/// everything an attacker can change about it is refused with a JSON error, never a 500. Naver is configured as a real provider would be
/// (its own client id and a secret nobody else knows, <see cref="EmulatedSite.WithRealNaverAsync"/>): an emulated one receives no notifications.</summary>
public sealed class NaverUnlinkNotificationTests
{
    private const string Path = "/api/auth/unlink-notification/naver";

    private static Uri Url(TestSite site, string path = Path) => new(site.BaseUrl + path);

    private static async Task<string> SignedInUserAsync(TestSite site, params string[] providers)
    {
        using var browser = site.NewBrowser();
        foreach (var provider in providers) (await browser.SignInAsync(provider, "kim")).Dispose();
        Assert.Equal(providers.Length, site.Count("accounts"));
        return (string)site.Scalar("SELECT id FROM users")!;
    }

    private static async Task<HttpResponseMessage> PostAsync(TestSite site, IEnumerable<KeyValuePair<string, string>> form, string path = Path)
    {
        using var http = new HttpClient();
        return await http.PostAsync(Url(site, path), new FormUrlEncodedContent(form));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    private static string Secret(TestSite site) => site.Emulator.Client("naver").ClientSecret;

    private static string ClientId(TestSite site) => site.Emulator.Client("naver").ClientId;

    private static string NaverIdOfKim(TestSite site) => (string)site.Scalar("SELECT provider_account_id FROM accounts WHERE provider = 'naver'")!;

#pragma warning disable CA5351 // Naver's documented key derivation
    private static byte[] Key(string secret) => MD5.HashData(Encoding.UTF8.GetBytes(secret));
#pragma warning restore CA5351

    /// <summary>base64url(IV ‖ AES-128-CBC-PKCS7(plain)) under the secret's key.</summary>
    private static string Encrypt(string secret, byte[] plain, bool padded = false)
    {
        using var aes = Aes.Create();
        aes.Key = Key(secret);
        var iv = RandomNumberGenerator.GetBytes(16);
        var text = Base64Url.EncodeToString([.. iv, .. aes.EncryptCbc(plain, iv, PaddingMode.PKCS7)]);
        return padded ? text.PadRight((text.Length + 3) / 4 * 4, '=') : text;
    }

    /// <summary>A notification form signed with <paramref name="secret"/>'s key over exactly these values.</summary>
    private static List<KeyValuePair<string, string>> Signed(string secret, string clientId, string encryptUniqueId, string timestamp)
    {
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(Key(secret), Encoding.UTF8.GetBytes($"clientId={clientId}&encryptUniqueId={encryptUniqueId}&timestamp={timestamp}")));
        return [new("clientId", clientId), new("encryptUniqueId", encryptUniqueId), new("timestamp", timestamp), new("signature", signature)];
    }

    private static string Now(TestSite site) => site.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> With(NaverUnlinkNotification n, string name, string value) =>
        n.Form.Select(f => f.Key == name ? new KeyValuePair<string, string>(name, value) : f).ToList();

    [Fact]
    public async Task AGenuineNotificationRemovesTheLinkAndItsTokensAndAnswers204()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        Assert.Equal(1, site.Count("accounts", "provider = 'naver' AND access_token IS NOT NULL"));

        using var response = await site.Emulator.SendNaverUnlinkNotificationAsync(Url(site), "kim");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, site.Count("accounts")); // the row, and the tokens in it
        Assert.Equal(0, site.Count("sessions")); // it was the user's only account: nobody stays signed in as them
        Assert.Equal(0, site.Count("users")); // and the user, who left at Naver, is gone: a later Naver sign-in is a fresh sign-up

        using var browser = site.NewBrowser();
        using var again = await browser.SignInAsync("naver", "kim");
        Assert.Null(TestBrowser.ErrorCodeOf(again)); // not OAuthAccountNotLinked on their own email
        Assert.Equal(1, site.Count("users"));
        Assert.DoesNotContain(site.Emulator.Requests, r => r.Provider == "naver" && r.Endpoint == EmulatorEndpoint.Revoke); // Naver is not called back
    }

    [Fact]
    public async Task AnotherAccountOfTheSameUserStaysAndSoDoesTheSession()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        var browser = site.NewBrowser();
        using var _ = browser;
        (await browser.SignInAsync("naver", "kim")).Dispose();
        (await browser.LinkAsync("kakao", "kim")).Dispose();
        Assert.Equal(2, site.Count("accounts"));

        using var response = await site.Emulator.SendNaverUnlinkNotificationAsync(Url(site), "kim");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, site.Count("accounts", "provider = 'naver'"));
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao' AND access_token IS NOT NULL"));
        Assert.Equal("김민준", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AForgedSignatureIsRefused()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var n = site.Emulator.CreateNaverUnlinkNotification("kim");
        foreach (var index in new[] { 0, n.Signature.Length - 1 })
        {
            var changed = n.Signature.ToCharArray();
            changed[index] = changed[index] == 'A' ? 'B' : 'A';
            using var response = await PostAsync(site, With(n, "signature", new string(changed)));
            await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidNotification");
        }
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task ASignatureMadeWithAnotherSecretIsRefused()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var encrypted = Encrypt(Secret(site), Encoding.UTF8.GetBytes(NaverIdOfKim(site))); // only the signature is wrong

        using var response = await PostAsync(site, Signed("not-the-secret", ClientId(site), encrypted, Now(site)));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidNotification");
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task AnotherClientIdIsRefusedEvenWhenSignedWithOurKey()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var encrypted = Encrypt(Secret(site), Encoding.UTF8.GetBytes(NaverIdOfKim(site)));

        using var response = await PostAsync(site, Signed(Secret(site), "another-client", encrypted, Now(site)));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidNotification");
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task AStaleNotificationIsRefused()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var n = site.Emulator.CreateNaverUnlinkNotification("kim");
        site.Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await PostAsync(site, n.Form);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidNotification");
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task ANotificationFromTheFutureIsRefused()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var n = site.Emulator.CreateNaverUnlinkNotification("kim", site.Clock.GetUtcNow().AddMinutes(10));

        using var response = await PostAsync(site, n.Form);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidNotification");
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task TheClockSkewWindowIsASetting()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync(new() { ["Daemun:UnlinkNotifications:MaxClockSkew"] = "00:15:00" });
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var n = site.Emulator.CreateNaverUnlinkNotification("kim");
        site.Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await PostAsync(site, n.Form);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, site.Count("accounts"));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("02:00:00")]
    public async Task AClockSkewWindowThatIsNotPositiveOrLongerThanAnHourStopsStartUp(string window)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });

        var failure = await Assert.ThrowsAsync<Daemun.Providers.DaemunConfigurationException>(() =>
            TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:UnlinkNotifications:MaxClockSkew"] = window }, emulator: emulator));

        Assert.Equal("Daemun:UnlinkNotifications:MaxClockSkew", failure.Key);
    }

    [Fact]
    public async Task AReplayOfTheSameNotificationIsRefusedAndCannotRemoveALinkMadeSince()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();
        (await browser.LinkAsync("kakao", "kim")).Dispose();
        var n = site.Emulator.CreateNaverUnlinkNotification("kim");
        site.Emulator.Disconnect("naver", "kim");
        using (var first = await PostAsync(site, n.Form)) Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(0, site.Count("accounts", "provider = 'naver'"));
        using (var again = await browser.LinkAsync("naver", "kim")) Assert.Null(TestBrowser.ErrorCodeOf(again)); // kim connects Naver again
        Assert.Equal(1, site.Count("accounts", "provider = 'naver'"));
        site.Clock.Advance(TimeSpan.FromMinutes(2));

        using var replay = await PostAsync(site, n.Form);

        await AssertRefusedAsync(replay, HttpStatusCode.Unauthorized, "InvalidNotification");
        Assert.Equal(1, site.Count("accounts", "provider = 'naver'"));
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")] // 16 bytes: an IV and no block
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 48 bytes of zeros: padding does not check out
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 32 bytes and a byte: not whole blocks
    public async Task ATamperedEncryptedIdIsRefusedEvenWhenReSignedWithOurKey(string encryptUniqueId)
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");

        using var response = await PostAsync(site, Signed(Secret(site), ClientId(site), encryptUniqueId, Now(site)));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidNotification");
        Assert.Equal(1, site.Count("accounts"));
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("Unexpected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIdEncryptedWithAnotherKeyIsRefusedEvenWhenReSignedWithOurKey()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var encrypted = Encrypt("not-the-secret", Encoding.UTF8.GetBytes(NaverIdOfKim(site)));

        using var response = await PostAsync(site, Signed(Secret(site), ClientId(site), encrypted, Now(site)));

        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task APaddedEncryptedIdIsAccepted()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var encrypted = Encrypt(Secret(site), Encoding.UTF8.GetBytes(NaverIdOfKim(site)), padded: true);
        Assert.EndsWith("=", encrypted, StringComparison.Ordinal);

        using var response = await PostAsync(site, Signed(Secret(site), ClientId(site), encrypted, Now(site)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, site.Count("accounts"));
    }

    [Theory]
    [InlineData("clientId")]
    [InlineData("encryptUniqueId")]
    [InlineData("timestamp")]
    [InlineData("signature")]
    public async Task AMissingFieldIsABadRequest(string field)
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var n = site.Emulator.CreateNaverUnlinkNotification("kim");

        using var missing = await PostAsync(site, n.Form.Where(f => f.Key != field));
        using var empty = await PostAsync(site, With(n, field, ""));

        await AssertRefusedAsync(missing, HttpStatusCode.BadRequest, "InvalidRequest");
        await AssertRefusedAsync(empty, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal(1, site.Count("accounts"));
    }

    [Theory]
    [InlineData("clientId", 300)]
    [InlineData("encryptUniqueId", 5000)]
    [InlineData("timestamp", 30)]
    [InlineData("signature", 200)]
    public async Task AnOversizedFieldIsABadRequest(string field, int length)
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var n = site.Emulator.CreateNaverUnlinkNotification("kim");
        var value = field == "timestamp" ? new string('1', length) : new string('A', length);

        using var response = await PostAsync(site, With(n, field, value));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task MalformedRequestsNeverYieldA500()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var n = site.Emulator.CreateNaverUnlinkNotification("kim");
        using var http = new HttpClient();

        using var get = await http.GetAsync(Url(site));
        using var put = await http.PutAsync(Url(site), new FormUrlEncodedContent(n.Form));
        using var json = await http.PostAsync(Url(site), new StringContent("{}", Encoding.UTF8, "application/json"));
        using var notUtf8 = await http.PostAsync(Url(site), new StringContent("clientId=%FF&encryptUniqueId=a&timestamp=1&signature=a", Encoding.ASCII, "application/x-www-form-urlencoded"));
        using var twice = await PostAsync(site, [.. n.Form, new("signature", n.Signature)]);
        using var notANumber = await PostAsync(site, Signed(Secret(site), ClientId(site), n.EncryptUniqueId, "-5"));
        using var huge = await PostAsync(site, Signed(Secret(site), ClientId(site), n.EncryptUniqueId, "99999999999999999999"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        await AssertRefusedAsync(json, HttpStatusCode.BadRequest, "InvalidRequest");
        await AssertRefusedAsync(notUtf8, HttpStatusCode.BadRequest, "InvalidRequest");
        await AssertRefusedAsync(twice, HttpStatusCode.BadRequest, "InvalidRequest");
        await AssertRefusedAsync(notANumber, HttpStatusCode.Unauthorized, "InvalidNotification");
        await AssertRefusedAsync(huge, HttpStatusCode.Unauthorized, "InvalidNotification");
        Assert.Equal(1, site.Count("accounts"));
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("Unexpected", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kakao")]
    [InlineData("google")]
    [InlineData("nope")]
    public async Task ProvidersThatDoNotSendNotificationsAreUnknownHere(string provider)
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");

        using var response = await site.Emulator.SendNaverUnlinkNotificationAsync(Url(site, $"/api/auth/unlink-notification/{provider}"), "kim");

        await AssertRefusedAsync(response, HttpStatusCode.NotFound, "UnknownProvider");
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task ANotificationForAnUnknownIdAnswers204AndChangesNothing()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");

        using var response = await site.Emulator.SendNaverUnlinkNotificationAsync(Url(site), "lee"); // lee never signed in here

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, site.Count("accounts"));
        Assert.Equal(1, site.Count("sessions"));
        Assert.Contains(site.Logs.Lines, l => l.Contains("names no linked account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoLogLineHoldsTheSecretTheSignatureOrTheEncryptedId()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync();
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");
        var forged = site.Emulator.CreateNaverUnlinkNotification("kim");
        var stale = site.Emulator.CreateNaverUnlinkNotification("kim", site.Clock.GetUtcNow().AddMinutes(-30));
        var garbage = Signed(Secret(site), ClientId(site), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Now(site));
        var genuine = site.Emulator.CreateNaverUnlinkNotification("kim");

        var forgedSignature = (forged.Signature[0] == 'A' ? "B" : "A") + forged.Signature[1..];
        (await PostAsync(site, With(forged, "signature", forgedSignature))).Dispose();
        (await PostAsync(site, stale.Form)).Dispose();
        (await PostAsync(site, garbage)).Dispose();
        using (var ok = await PostAsync(site, genuine.Form)) Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        using (var replay = await PostAsync(site, genuine.Form)) Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);

        var secrets = new[] { Secret(site), forgedSignature, forged.Signature, forged.EncryptUniqueId, stale.Signature, stale.EncryptUniqueId,
            garbage[1].Value, garbage[3].Value, genuine.Signature, genuine.EncryptUniqueId };
        Assert.Contains(site.Logs.Lines, l => l.Contains("unlink notification", StringComparison.OrdinalIgnoreCase));
        foreach (var line in site.Logs.Lines)
        {
            foreach (var secret in secrets) Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
        }
    }

    /// <summary>The reproduction: Naver served by the emulator has the emulator's published secret; a notification anyone can sign with it
    /// is refused as for a provider that sends none, and nobody is deleted.</summary>
    [Fact]
    public async Task AnEmulatedNaverReceivesNoNotificationsSoThePublicSecretDeletesNobody()
    {
        await using var site = await TestSite.StartAsync();
        await SignedInUserAsync(site, "naver");
        var published = site.Emulator.Client("naver");
        var encrypted = Encrypt(published.ClientSecret, Encoding.UTF8.GetBytes(NaverIdOfKim(site)));

        using var response = await PostAsync(site, Signed(published.ClientSecret, published.ClientId, encrypted, Now(site)));

        await AssertRefusedAsync(response, HttpStatusCode.NotFound, "UnknownProvider");
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts"));
        Assert.Single(site.Logs.Lines, l => l.Contains("not a real configured one", StringComparison.Ordinal));
    }

    /// <summary>An emulated Naver is refused for being emulated, whatever its secret (here one the emulator was given, not its published one).</summary>
    [Fact]
    public async Task AnEmulatedNaverIsRefusedEvenWithASecretThatIsNotPublished()
    {
        var client = new EmulatorClient("naver", "naver-client-unpublished", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), SecretRequired: true);
        await using var site = await TestSite.StartAsync(emulatorOptions: o => o.Clients["naver"] = client);
        await SignedInUserAsync(site, "naver");

        using var response = await site.Emulator.SendNaverUnlinkNotificationAsync(Url(site), "kim");

        await AssertRefusedAsync(response, HttpStatusCode.NotFound, "UnknownProvider");
        Assert.Equal(1, site.Count("accounts"));
    }

    /// <summary>Naver configured by hand with the emulator's published client (not marked emulated): its secret is public all the same.</summary>
    [Fact]
    public async Task ANaverConfiguredWithTheEmulatorsPublishedSecretReceivesNoNotifications()
    {
        await using var naver = await EmulatedSite.StartAsync(emulator =>
            EmulatedSite.NaverAt(emulator, emulator.Client("naver").ClientId, emulator.Client("naver").ClientSecret));
        var site = naver.Site;
        await SignedInUserAsync(site, "naver");

        using var response = await site.Emulator.SendNaverUnlinkNotificationAsync(Url(site), "kim");

        await AssertRefusedAsync(response, HttpStatusCode.NotFound, "UnknownProvider");
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts"));
    }

    [Theory]
    [InlineData("naver")]
    [InlineData("kakao")]
    [InlineData("google")]
    [InlineData("github")]
    [InlineData("oidc")]
    public async Task EverySecretTheEmulatorPublishesIsKnownAsPublished(string provider)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });

        Assert.True(Daemun.Endpoints.UnlinkNotificationEndpoint.IsEmulatorPublishedSecret(emulator.Client(provider).ClientSecret));
        Assert.False(Daemun.Endpoints.UnlinkNotificationEndpoint.IsEmulatorPublishedSecret("a-real-secret"));
    }
}
