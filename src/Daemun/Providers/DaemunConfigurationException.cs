namespace Daemun.Providers;

/// <summary>Start-up stops with this when configuration is wrong; the message names the exact key.</summary>
public sealed class DaemunConfigurationException(string key, string problem)
    : Exception($"Daemun configuration error: {key} {problem}")
{
    /// <summary>The configuration key at fault, e.g. <c>Daemun:Providers:naver:ClientSecret</c>.</summary>
    public string Key { get; } = key;
}
