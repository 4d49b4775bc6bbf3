using Daemun.Providers;

namespace Daemun;

/// <summary><c>AddProvider</c> for Kakao's declaration.</summary>
public static class KakaoBuilder
{
    /// <summary>Adds Kakao; <paramref name="configure"/> runs after configuration is applied.</summary>
    public static DaemunBuilder AddKakao(this DaemunBuilder builder, Action<ProviderOptions>? configure = null) =>
        builder.AddProvider(Kakao.Id, Kakao.Defaults, configure);
}
