using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>The client secret to send: the configured <see cref="ProviderOptions.ClientSecret"/>, else what the declaration's
/// <see cref="ProviderOptions.ClientSecretSource"/> makes (reading its settings, the declaration's parameters from <c>Daemun:Providers:{id}:{Name}</c>, else their defaults).</summary>
internal sealed class ClientSecrets(TimeProvider time)
{
    /// <summary>The secret for <paramref name="p"/> now, or null when it has none: a configured one as it is (Apple: a JWT made by hand, as
    /// Auth.js configures it; the emulator's), else the one its source makes.</summary>
    public string? For(ProviderOptions p) =>
        string.IsNullOrEmpty(p.ClientSecret) && p.ClientSecretSource is { } source ? source.GetSecret(p, name => Setting(p, name), time) : p.ClientSecret;

    private static string? Setting(ProviderOptions p, string name) =>
        p.ParameterValues.TryGetValue(name, out var value) && value.Length > 0 ? value
        : p.Parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.Ordinal))?.Default;
}
