using Daemun.Providers;

namespace Daemun;

/// <summary><c>AddProvider</c> for Google's declaration.</summary>
public static class GoogleBuilder
{
    /// <summary>Adds Google (OIDC); <paramref name="configure"/> runs after configuration is applied.</summary>
    public static DaemunBuilder AddGoogle(this DaemunBuilder builder, Action<ProviderOptions>? configure = null) =>
        builder.AddProvider(Google.Id, Google.Defaults, configure);
}
