using Daemun.Providers;

namespace Daemun;

/// <summary><c>AddProvider</c> for GitHub's declaration.</summary>
public static class GitHubBuilder
{
    /// <summary>Adds GitHub; <paramref name="configure"/> runs after configuration is applied.</summary>
    public static DaemunBuilder AddGitHub(this DaemunBuilder builder, Action<ProviderOptions>? configure = null) =>
        builder.AddProvider(GitHub.Id, GitHub.Defaults, configure);
}
