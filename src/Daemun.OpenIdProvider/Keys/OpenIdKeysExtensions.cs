using Daemun.OpenIdProvider.Principals;
using Daemun.Providers;
using Daemun.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Puts Daemun's key ring (<see cref="OpenIdKeyRing"/>) under OpenIddict's server.</summary>
public static class OpenIdKeysExtensions
{
    /// <summary>Signs and encrypts with the keys of Daemun's store: generated on first start, encrypted with Data Protection, shared by every
    /// instance, rotated on the schedule of <c>Daemun:OpenIdProvider:Keys</c>. Use it instead of any <c>Add…Certificate</c> or
    /// <c>Add…Key</c> call of OpenIddict (never <c>AddDevelopmentSigningCertificate</c>). Needs a store (SQLite or PostgreSQL) and
    /// <see cref="OpenIdProviderOptions"/> bound from <c>Daemun:OpenIdProvider</c> (the caller binds it).</summary>
    public static OpenIddictServerBuilder UseDaemunKeys(this OpenIddictServerBuilder builder)
    {
        builder.Services.AddDaemunKeyRing();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureServerKeys>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<OpenIddictServerOptions>, ServerKeysChangeTokenSource>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<OpenIddictValidationOptions>, ValidationKeysChangeTokenSource>());
        builder.AddEventHandler(UseCurrentSigningKey.Descriptor);
        return builder;
    }

    /// <summary>The key ring and its reloads, without OpenIddict (also what the tests of the ring use).</summary>
    internal static IServiceCollection AddDaemunKeyRing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OpenIdProviderOptions>();
        services.TryAddSingleton(sp => new KeyTable(sp.GetService<SqlDialect>()
            ?? throw new DaemunConfigurationException("Daemun:Store", "is not configured: the OpenID Provider keeps its keys in the store (SQLite or PostgreSQL).")));
        services.TryAddSingleton<KeyMaterial>();
        services.TryAddSingleton<OpenIdKeyRing>();
        services.TryAddSingleton<IPairwiseSecret>(sp => sp.GetRequiredService<OpenIdKeyRing>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeyRingRefresher>());
        return services;
    }
}
