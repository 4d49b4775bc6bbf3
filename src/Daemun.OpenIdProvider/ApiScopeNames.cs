using Microsoft.Extensions.Options;

namespace Daemun.OpenIdProvider;

/// <summary>After binding, keys <see cref="OpenIdProviderOptions.ApiScopes"/> by each scope's <see cref="ApiScopeOptions.Name"/>, so that
/// <c>ApiScopes:orders-read:Name=orders:read</c> declares the scope <c>orders:read</c>.</summary>
internal sealed class ApiScopeNames : IPostConfigureOptions<OpenIdProviderOptions>
{
    public void PostConfigure(string? name, OpenIdProviderOptions options)
    {
        foreach (var (key, scope) in options.ApiScopes.ToList())
        {
            if (scope.Name is not { Length: > 0 } scopeName || scopeName == key) continue;
            options.ApiScopes.Remove(key);
            if (!options.ApiScopes.TryAdd(scopeName, scope))
            {
                throw new Daemun.Providers.DaemunConfigurationException($"Daemun:OpenIdProvider:ApiScopes:{key}:Name", $"declares '{scopeName}' a second time.");
            }
        }
    }
}
