using Daemun.Providers;

namespace Daemun;

/// <summary><c>AddProvider</c> for Naver's declaration.</summary>
public static class NaverBuilder
{
    /// <summary>Adds Naver (classic OAuth 2.0 API); <paramref name="configure"/> runs after configuration is applied.</summary>
    public static DaemunBuilder AddNaver(this DaemunBuilder builder, Action<ProviderOptions>? configure = null) =>
        builder.AddProvider(Naver.Id, Naver.Defaults, configure);
}
