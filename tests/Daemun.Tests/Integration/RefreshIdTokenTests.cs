using System.Net;
using Daemun.Emulator;
using Daemun.Tests.Infrastructure;
using Daemun.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>OIDC Core §12.2: an id_token returned by a refresh is validated like the sign-in's (signature by the issuer's key, the same
/// iss, our aud, a live exp, at_hash; sub must be the account's; no nonce) before anything is stored. A refused one leaves the stored
/// tokens as they were and answers <see cref="AccessTokenStatus.ProviderError"/>, with one log line.</summary>
public sealed class RefreshIdTokenTests
{
    private const string Provider = SecuritySite.Generic;

    private static IProviderTokenService Tokens(TestSite site) => site.Server.App.Services.GetRequiredService<IProviderTokenService>();

    private static async Task<string> SignInAsync(TestSite site)
    {
        using var browser = site.NewBrowser();
        using var callback = await browser.SignInAsync(Provider);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        return (string)site.Scalar($"SELECT user_id FROM accounts WHERE provider = '{Provider}'")!;
    }

    [Fact]
    public async Task AValidIdTokenFromARefreshIsStored()
    {
        await using var s = await SecuritySite.StartAsync();
        var userId = await SignInAsync(s.Site);
        var before = await s.Site.StoredTokensAsync(userId, Provider);
        s.Site.Clock.Advance(TimeSpan.FromHours(2));

        var result = await Tokens(s.Site).GetAccessTokenAsync(userId, Provider);

        Assert.Equal(AccessTokenStatus.Valid, result.Status);
        var after = await s.Site.StoredTokensAsync(userId, Provider);
        Assert.Equal(result.AccessToken, after.AccessToken);
        Assert.NotNull(after.IdToken);
        Assert.NotEqual(before.IdToken, after.IdToken);
    }

    [Theory]
    [InlineData(IdTokenFault.BadSignature, "BadSignature")]
    [InlineData(IdTokenFault.WrongIssuer, "WrongIssuer")]
    [InlineData(IdTokenFault.WrongAudience, "WrongAudience")]
    [InlineData(IdTokenFault.Expired, "Expired")]
    [InlineData(IdTokenFault.AlgNone, "AlgorithmNotAllowed")]
    [InlineData(IdTokenFault.Hs256WithPublicKey, "AlgorithmNotAllowed")]
    [InlineData(IdTokenFault.UnknownKid, "UnknownKey")]
    [InlineData(IdTokenFault.WrongAtHash, "AccessTokenHashMismatch")]
    [InlineData(IdTokenFault.MalformedToken, "Malformed")]
    public async Task ARefusedIdTokenFromARefreshStoresNothingAndIsAProviderError(IdTokenFault fault, string reason)
    {
        // a provider that keeps its refresh tokens, so the kept one still works afterwards (a rotating one has retired it: the person
        // then signs in again, which is the price of not trusting that answer)
        await using var s = await SecuritySite.StartAsync(emulatorOptions: o => o.OidcRotatesRefreshTokens = false);
        var userId = await SignInAsync(s.Site);
        var before = await s.Site.StoredTokensAsync(userId, Provider);
        s.Site.Clock.Advance(TimeSpan.FromHours(2));
        s.Emulator.Faults.SetIdTokenFault("oidc", fault);

        var result = await Tokens(s.Site).GetAccessTokenAsync(userId, Provider);

        Assert.Equal(AccessTokenStatus.ProviderError, result.Status);
        Assert.Null(result.AccessToken);
        var after = await s.Site.StoredTokensAsync(userId, Provider);
        Assert.Equal(before.AccessToken, after.AccessToken);
        Assert.Equal(before.RefreshToken, after.RefreshToken);
        Assert.Equal(before.IdToken, after.IdToken);
        var lines = s.Site.Logs.Lines.Where(l => l.Contains("returned by a refresh", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.Contains($"({reason}:", lines[0], StringComparison.Ordinal);
        Refusal.AssertNoSecretLogged(s.Site, null, [before.AccessToken, before.RefreshToken, before.IdToken]);

        s.Emulator.Faults.SetIdTokenFault("oidc", IdTokenFault.None); // the lease was released: a later refresh goes through
        Assert.Equal(AccessTokenStatus.Valid, (await Tokens(s.Site).GetAccessTokenAsync(userId, Provider)).Status);
    }
}
