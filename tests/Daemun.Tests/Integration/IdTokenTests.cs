using System.Buffers.Text;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>OIDC: the id_token must be signed by the issuer's current JWKS and carry our issuer, audience, nonce and a live lifetime —
/// for Google and for a generic OIDC provider configured by issuer. Helpers (<see cref="SecuritySite"/>, <see cref="PendingCallback"/>,
/// <see cref="Refusal"/>) are in StateTests.cs.</summary>
public sealed class IdTokenTests
{
    /// <summary>The purpose Daemun's store encrypts provider tokens with (Storage/RelationalStore.cs).</summary>
    internal const string ProviderTokensPurpose = "Daemun.ProviderTokens.v1";

    public static TheoryData<string, IdTokenFault, string> BrokenIdTokens
    {
        get
        {
            var reasons = new Dictionary<IdTokenFault, string>
            {
                [IdTokenFault.BadSignature] = "BadSignature",
                [IdTokenFault.WrongAudience] = "WrongAudience",
                [IdTokenFault.WrongIssuer] = "WrongIssuer",
                [IdTokenFault.WrongNonce] = "NonceMismatch",
                [IdTokenFault.MissingNonce] = "NonceMismatch",
                [IdTokenFault.Expired] = "Expired",
                [IdTokenFault.IssuedInFuture] = "NotYetValid",
                [IdTokenFault.AlgNone] = "AlgorithmNotAllowed",
                [IdTokenFault.Hs256WithPublicKey] = "AlgorithmNotAllowed",
                [IdTokenFault.Hs256WithClientSecret] = "AlgorithmNotAllowed", // HS256 only for a provider that declares it (LINE)
                [IdTokenFault.Hs256WithAnotherSecret] = "AlgorithmNotAllowed",
                [IdTokenFault.UnknownKid] = "UnknownKey",
                [IdTokenFault.MalformedToken] = "Malformed",
                [IdTokenFault.WrongAtHash] = "AccessTokenHashMismatch",
            };
            Assert.Equal(Enum.GetValues<IdTokenFault>().Length - 1, reasons.Count); // every fault the emulator can issue is covered
            var data = new TheoryData<string, IdTokenFault, string>();
            foreach (var provider in new[] { "google", SecuritySite.Generic })
            {
                foreach (var (fault, reason) in reasons) data.Add(provider, fault, reason);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BrokenIdTokens))]
    public async Task BrokenIdTokenIsInvalidIdToken(string provider, IdTokenFault fault, string reason)
    {
        await using var s = await SecuritySite.StartAsync();
        var id = SecuritySite.EmulatorId(provider);
        s.Emulator.Faults.SetIdTokenFault(id, fault);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, provider);

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidIdToken, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains($"InvalidIdToken: id_token: {reason}:", StringComparison.Ordinal));
        Assert.Equal(1, s.Emulator.CountRequests(id, EmulatorEndpoint.Token));
        Assert.Equal(0, s.Emulator.CountRequests(id, EmulatorEndpoint.UserInfo)); // refused before the access token is used
    }

    [Fact]
    public async Task OidcTokenResponseWithoutIdTokenIsInvalidIdToken()
    {
        await using var s = await SecuritySite.StartAsync(new Dictionary<string, string?> { [$"Daemun:Providers:{SecuritySite.Generic}:Scope"] = "email profile" });
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidIdToken, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.UserInfo));
    }

    [Theory]
    [InlineData("google")]
    [InlineData(SecuritySite.Generic)]
    public async Task IdTokenAcceptedCarriesTheNonceSentInTheAuthorizeRequest(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var id = SecuritySite.EmulatorId(provider);

        using var response = await browser.SignInAsync(provider, "kim");

        Assert.Equal("/", response.Headers.Location!.ToString());
        var sent = Assert.Single(s.Emulator.Requests, r => r.Provider == id && r.Endpoint == EmulatorEndpoint.Authorize).Query["nonce"];
        Assert.True(sent.Length >= 43);
        var stored = (string)s.Site.Scalar("SELECT id_token FROM accounts")!;
        var idToken = s.Site.Server.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProviderTokensPurpose).Unprotect(stored);
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(idToken.Split('.')[1])).RootElement;
        Assert.Equal(sent, claims.GetProperty("nonce").GetString());
        Assert.Equal(s.Emulator.Client(id).ClientId, claims.GetProperty("aud").GetString());
        Assert.Equal(s.Emulator.EndpointsFor(id).Issuer, claims.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task SigningKeyRotationIsFollowedWithOneJwksRefetchAndKeysAreOtherwiseCached()
    {
        await using var s = await SecuritySite.StartAsync();
        int Fetches() => s.Emulator.CountRequests("google", EmulatorEndpoint.Jwks);

        await SignInSucceedsAsync(s, "kim");
        Assert.Equal(1, Fetches());

        await SignInSucceedsAsync(s, "lee");
        Assert.Equal(1, Fetches()); // cached

        s.Emulator.RotateSigningKey("google");
        s.Site.Clock.Advance(TimeSpan.FromMinutes(1)); // past the refetch guard (30 s), within the cache lifetime (1 h)
        await SignInSucceedsAsync(s, "park");
        Assert.Equal(2, Fetches()); // the unknown kid caused exactly one refetch

        await SignInSucceedsAsync(s, "kim");
        Assert.Equal(2, Fetches()); // the new key is cached too
        Refusal.AssertNoServerError(s.Site);
    }

    [Fact]
    public async Task TokensSignedWithAnUnknownKeyRefetchTheJwksAtMostOncePerInterval()
    {
        await using var s = await SecuritySite.StartAsync();
        int Fetches() => s.Emulator.CountRequests("google", EmulatorEndpoint.Jwks);
        await SignInSucceedsAsync(s, "kim");
        s.Emulator.Faults.SetIdTokenFault("google", IdTokenFault.UnknownKid);
        s.Site.Clock.Advance(TimeSpan.FromMinutes(1));

        foreach (var person in new[] { "lee", "park", "jane" })
        {
            using var browser = s.Site.NewBrowser();
            using var response = await browser.SignInAsync("google", person);
            Assert.Equal("InvalidIdToken", Daemun.Tests.Infrastructure.TestBrowser.ErrorCodeOf(response));
        }

        Assert.Equal(2, Fetches()); // one refetch for the first unknown kid; the next ones within 30 s fetch nothing
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    private static async Task SignInSucceedsAsync(SecuritySite s, string person)
    {
        using var browser = s.Site.NewBrowser();
        using var response = await browser.SignInAsync("google", person, callbackUrl: "/done");
        Assert.Equal("/done", response.Headers.Location?.ToString());
    }
}
