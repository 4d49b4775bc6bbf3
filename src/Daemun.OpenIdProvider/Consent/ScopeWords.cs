using Daemun.Localization;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>A scope in plain words for the consent page and the connected apps list: Daemun's own scopes from the strings files
/// (<c>consent.scope.{scope}</c>), an operator's API scope by its <see cref="ApiScopeOptions.DisplayName"/>, anything else by its name.</summary>
internal static class ScopeWords
{
    /// <summary>The scopes with words in the strings files (identity scopes and Daemun's management API).</summary>
    public static readonly IReadOnlyList<string> Known = ["openid", "profile", "email", "offline_access", "providers", "daemun:read", "daemun:manage"];

    /// <summary>The words for <paramref name="scope"/> (<paramref name="serviceName"/> fills the <c>{0}</c> of "your {0} account").</summary>
    public static string Describe(PageText text, string serviceName, string scope, IReadOnlyDictionary<string, ApiScopeOptions> apiScopes)
    {
        if (apiScopes.TryGetValue(scope, out var api) && !string.IsNullOrWhiteSpace(api.DisplayName)) return api.DisplayName;
        return Known.Contains(scope, StringComparer.Ordinal) ? text.T("consent.scope." + scope, serviceName) : scope;
    }

    /// <summary>The scopes in the order a person reads them: <c>openid</c> first, the other known ones in their order, then the rest as
    /// given; each once.</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> scopes)
    {
        var distinct = scopes.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        return [.. Known.Where(k => distinct.Contains(k, StringComparer.Ordinal)), .. distinct.Where(s => !Known.Contains(s, StringComparer.Ordinal))];
    }
}
