using Daemun.Providers;
using Daemun.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Daemun;

/// <summary>Collects the providers an app declares in code.</summary>
public sealed class DaemunBuilder
{
    internal DaemunBuilder(IServiceCollection services) => Services = services;

    /// <summary>The app's services.</summary>
    public IServiceCollection Services { get; }

    internal List<ProviderRegistration> Registrations { get; } = [];
    internal List<Action<ProviderOptions>> PostConfigure { get; } = [];

    /// <summary>Adds a provider from its defaults; <paramref name="configure"/> runs after configuration is applied.</summary>
    public DaemunBuilder AddProvider(string id, Func<ProviderOptions> defaults, Action<ProviderOptions>? configure = null)
    {
        Registrations.RemoveAll(r => r.Id == id);
        Registrations.Add(new ProviderRegistration(id, defaults, configure));
        return this;
    }

    /// <summary>Adds a built-in provider by its id (<c>AddProvider("discord")</c>; docs/providers/README.md lists them); credentials and settings
    /// come from <c>Daemun:Providers:{id}</c>, then <paramref name="configure"/> runs.</summary>
    public DaemunBuilder AddProvider(string id, Action<ProviderOptions>? configure = null)
    {
        if (!ProviderCatalog.IsBuiltIn(id))
        {
            throw new ArgumentException($"'{id}' is not a built-in provider id; use AddOidc or AddOAuth2 for another provider (docs/providers/README.md lists the built-ins).", nameof(id));
        }
        return AddProvider(id, () => ProviderCatalog.For(id)!, configure);
    }

    /// <summary>Adds any OpenID Connect provider under <paramref name="id"/>.</summary>
    public DaemunBuilder AddOidc(string id, Action<ProviderOptions>? configure = null) => AddProvider(id, GenericOidc.Defaults, configure);
    /// <summary>Adds any OAuth 2.0 provider under <paramref name="id"/>.</summary>
    public DaemunBuilder AddOAuth2(string id, Action<ProviderOptions>? configure = null) => AddProvider(id, GenericOAuth2.Defaults, configure);

    /// <summary>No database: Cookie sessions only, nothing persisted, user ids derived from the provider account (see <see cref="StatelessUserStore"/>).
    /// Only the store roles that need no database are registered (<see cref="IUserStore"/>, <see cref="IConsumedStateStore"/>).</summary>
    public DaemunBuilder UseNoDatabase()
    {
        StoreComposition.UseNoDatabase(Services);
        return this;
    }

    /// <summary>Keeps the Data Protection key ring in Daemun's store (table <c>data_protection_keys</c>) instead of the file system, so that
    /// several instances behind a load balancer share it: a sign-in started on one completes on another, and encrypted provider tokens
    /// read everywhere. Call <c>SetApplicationName</c> with the same name on every instance. Old keys stay in the ring, so data protected
    /// before a key rotation still decrypts. Needs a database: with <see cref="UseNoDatabase"/> start-up stops, naming <c>Daemun:Store:Provider</c>.</summary>
    public DaemunBuilder PersistKeysToStore()
    {
        Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new StoreXmlRepository(sp)));
        return this;
    }

    /// <summary>Runs after code and configuration for every provider, before validation (the server uses it to fall back to the emulator).</summary>
    public DaemunBuilder PostConfigureProviders(Action<ProviderOptions> action)
    {
        PostConfigure.Add(action);
        return this;
    }
}
