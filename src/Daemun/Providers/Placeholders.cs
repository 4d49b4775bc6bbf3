namespace Daemun.Providers;

/// <summary>The placeholders a declaration writes in values the engine sends besides its URLs (a profile request's header, a scope):
/// <c>{ClientId}</c> for the configured client id and <c>{Name}</c> for the declaration's parameter of that name (its configured value,
/// else its default). URLs are filled, and their parameters checked, by the registry at start-up.</summary>
internal static class Placeholders
{
    /// <summary><paramref name="value"/> with <c>{ClientId}</c> and the declaration's parameters written in; a placeholder without a value is left.</summary>
    public static string Fill(string value, ProviderOptions provider)
    {
        if (!value.Contains('{', StringComparison.Ordinal)) return value;
        if (provider.ClientId is { } clientId) value = value.Replace("{ClientId}", clientId, StringComparison.Ordinal);
        foreach (var parameter in provider.Parameters)
        {
            var filled = provider.ParameterValues.TryGetValue(parameter.Name, out var v) ? v : parameter.Default;
            if (filled is not null) value = value.Replace($"{{{parameter.Name}}}", filled, StringComparison.Ordinal);
        }
        return value;
    }
}
