using Daemun.OpenIdProvider.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Protection;

namespace Daemun.Tests.OpenIdProvider.Keys;

/// <summary>The ring under OpenIddict's server (<c>UseDaemunKeys()</c>), at the level of its options and of the handler that picks the
/// signing key: what OpenIddict is given, that it follows a rotation without a restart, and which key signs.</summary>
public sealed class OpenIddictKeyOptionsTests
{
    [Fact]
    public async Task OpenIddictGetsThePublishedKeysAndTheEncryptionKeyAndFollowsARotationWithoutARestart()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var services = database.NewInstance(configure: AddServer);
        var ring = services.GetRequiredService<OpenIdKeyRing>();
        await ring.RefreshAsync(CancellationToken.None);
        var monitor = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>();
        var validation = services.GetRequiredService<IOptionsMonitor<OpenIddictValidationOptions>>();

        var first = ring.Signer.Id;
        Assert.Equal([first], monitor.CurrentValue.SigningCredentials.Select(c => c.Key.KeyId));
        Assert.Equal(ring.Current.Encryption.Key.KeyId, Assert.Single(monitor.CurrentValue.EncryptionCredentials).Key.KeyId);
        Assert.Equal([first], validation.CurrentValue.Configuration!.SigningKeys.Select(k => k.KeyId));

        database.Clock.Advance(TimeSpan.FromDays(90));
        await ring.RefreshAsync(CancellationToken.None);
        var next = Assert.Single(ring.Published, k => k.Id != first).Id;
        Assert.Equal([first, next], monitor.CurrentValue.SigningCredentials.Select(c => c.Key.KeyId)); // the signer first
        Assert.Equal([first, next], monitor.CurrentValue.TokenValidationParameters.IssuerSigningKeys.Select(k => k.KeyId));
        Assert.Equal(new[] { first, next }.Order(), validation.CurrentValue.Configuration!.SigningKeys.Select(k => k.KeyId).Order());

        database.Clock.Advance(TimeSpan.FromDays(1));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([next, first], monitor.CurrentValue.SigningCredentials.Select(c => c.Key.KeyId));

        database.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(5));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([next], monitor.CurrentValue.SigningCredentials.Select(c => c.Key.KeyId));
        Assert.Equal([next], validation.CurrentValue.Configuration!.SigningKeys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task EveryTokenIsSignedWithTheKeyOfThatMomentEvenBeforeOpenIddictsOptionsAreRebuilt()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var services = database.NewInstance(configure: AddServer);
        var ring = services.GetRequiredService<OpenIdKeyRing>();
        await ring.RefreshAsync(CancellationToken.None);
        var first = ring.Signer.Id;
        database.Clock.Advance(TimeSpan.FromDays(90));
        await ring.RefreshAsync(CancellationToken.None);
        var next = Assert.Single(ring.Published, k => k.Id != first).Id;
        var options = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

        // published ahead: the new key is in the options but does not sign
        Assert.Equal(first, await SignerOfAsync(services, options, "access_token"));
        Assert.Equal(first, await SignerOfAsync(services, options, "id_token"));

        // its time has come, the options are not rebuilt yet (no reload): OpenIddict alone would pick the first credential, the old key
        database.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(first, options.SigningCredentials[0].Key.KeyId);
        Assert.Equal(first, await SignerOfAsync(services, options, "access_token", withRing: false));
        Assert.Equal(next, await SignerOfAsync(services, options, "access_token"));
        Assert.Equal(next, await SignerOfAsync(services, options, "id_token"));
        Assert.Equal(next, await SignerOfAsync(services, options, "refresh_token"));
    }

    [Fact]
    public async Task NoDevelopmentCertificateOrOtherKeyIsAddedBesideTheRing()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var services = database.NewInstance(configure: AddServer);
        var options = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue; // the first use loads the ring

        var ring = services.GetRequiredService<OpenIdKeyRing>();
        var signing = Assert.Single(options.SigningCredentials);
        Assert.Equal(ring.Signer.Id, signing.Key.KeyId);
        Assert.IsNotType<X509SecurityKey>(signing.Key);
        Assert.IsNotType<X509SecurityKey>(Assert.Single(options.EncryptionCredentials).Key);
        Assert.Single(await database.RowsAsync(), r => r.Use == "sig");
        var picker = Assert.Single(options.Handlers, h => h.ServiceDescriptor.ServiceType == typeof(UseCurrentSigningKey));
        Assert.True(picker.Order > AttachSecurityCredentials.Descriptor.Order);
    }

    /// <summary>Runs OpenIddict's choice of credentials, then the ring's handler, as token generation does; the kid of the signing key.</summary>
    private static async Task<string> SignerOfAsync(IServiceProvider services, OpenIddictServerOptions options, string tokenType, bool withRing = true)
    {
        var transaction = new OpenIddictServerTransaction { Options = options, Logger = NullLogger.Instance };
        var context = new GenerateTokenContext(transaction) { TokenType = tokenType };
        await new AttachSecurityCredentials().HandleAsync(context);
        if (withRing) await services.GetRequiredService<UseCurrentSigningKey>().HandleAsync(context);
        return context.SigningCredentials!.Key.KeyId;
    }

    private static void AddServer(IServiceCollection services) => services.AddOpenIddict()
        .AddServer(o =>
        {
            o.SetTokenEndpointUris("oidc/token");
            o.AllowClientCredentialsFlow();
            o.DisableAccessTokenEncryption();
            o.UseDaemunKeys();
        })
        .AddValidation(o => o.UseLocalServer());
}
