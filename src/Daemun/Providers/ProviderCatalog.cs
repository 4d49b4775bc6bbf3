using System.Reflection;

namespace Daemun.Providers;

/// <summary>Every built-in declaration (classes marked <see cref="BuiltInProviderAttribute"/>) and the generic types, by the name a
/// configuration's <c>Type</c> (or a provider section's name) uses.</summary>
public static class ProviderCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, Func<ProviderOptions>>> Declarations = new(Discover);

    /// <summary>The ids of the built-in providers, in ordinal order.</summary>
    public static IReadOnlyList<string> BuiltInIds => [.. Declarations.Value.Keys.Where(k => k is not GenericOidc.Type and not GenericOAuth2.Type and not GenericOAuth1.Type).Order(StringComparer.Ordinal)];

    /// <summary>The type names a configuration may use: every built-in id and <c>oidc</c>, <c>oauth2</c>, <c>oauth1</c>.</summary>
    public static IReadOnlyList<string> Names => [.. BuiltInIds, GenericOidc.Type, GenericOAuth2.Type, GenericOAuth1.Type];

    /// <summary>A fresh declaration for a type name (case-insensitive), or null when the name is unknown.</summary>
    public static ProviderOptions? For(string type) =>
        Declarations.Value.TryGetValue(type.ToLowerInvariant(), out var defaults) ? defaults() : null;

    /// <summary>Whether <paramref name="type"/> names a built-in provider (not a generic type).</summary>
    public static bool IsBuiltIn(string type) => type is not GenericOidc.Type and not GenericOAuth2.Type and not GenericOAuth1.Type && Declarations.Value.ContainsKey(type.ToLowerInvariant());

    private static Dictionary<string, Func<ProviderOptions>> Discover()
    {
        var found = new Dictionary<string, Func<ProviderOptions>>(StringComparer.Ordinal)
        {
            [GenericOidc.Type] = GenericOidc.Defaults,
            [GenericOAuth2.Type] = GenericOAuth2.Defaults,
            [GenericOAuth1.Type] = GenericOAuth1.Defaults,
        };
        foreach (var type in typeof(ProviderCatalog).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<BuiltInProviderAttribute>() is not { } builtIn) continue;
            var method = type.GetMethod("Defaults", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
            if (method is null || method.ReturnType != typeof(ProviderOptions))
            {
                throw new InvalidOperationException($"Built-in provider {type.Name} has no public static ProviderOptions Defaults().");
            }
            var defaults = method.CreateDelegate<Func<ProviderOptions>>();
            if (!found.TryAdd(builtIn.Id, defaults)) throw new InvalidOperationException($"Two built-in providers have the id '{builtIn.Id}'.");
        }
        return found;
    }
}
