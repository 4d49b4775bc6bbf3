using Microsoft.Extensions.DependencyInjection;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>Puts OpenIddict's applications, authorizations, scopes and tokens in Daemun's database: sets Daemun's entities as
/// OpenIddict's defaults and registers their stores, which take the <see cref="Daemun.Storage.SqlDialect"/> that
/// <c>UseSqlite</c>/<c>UsePostgres</c> registered. The tables come from Daemun's migrations (version 6).</summary>
internal static class OidcStoreRegistration
{
    /// <summary>Use as <c>services.AddOpenIddict().AddCore(o =&gt; o.UseDaemunStores())</c>.</summary>
    public static OpenIddictCoreBuilder UseDaemunStores(this OpenIddictCoreBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.SetDefaultApplicationEntity<OidcApplication>()
            .SetDefaultAuthorizationEntity<OidcAuthorization>()
            .SetDefaultScopeEntity<OidcScope>()
            .SetDefaultTokenEntity<OidcToken>();
        // the stores hold nothing but the dialect: one instance each serves every request
        builder.ReplaceApplicationStore<OidcApplication, OidcApplicationStore>(ServiceLifetime.Singleton)
            .ReplaceAuthorizationStore<OidcAuthorization, OidcAuthorizationStore>(ServiceLifetime.Singleton)
            .ReplaceScopeStore<OidcScope, OidcScopeStore>(ServiceLifetime.Singleton)
            .ReplaceTokenStore<OidcToken, OidcTokenStore>(ServiceLifetime.Singleton);
        return builder;
    }
}
