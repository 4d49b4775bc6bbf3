using Daemun.Providers;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Checks <c>Daemun:OpenIdProvider:Keys</c> at start-up; a bad value throws <see cref="DaemunConfigurationException"/> naming its key.</summary>
internal static class KeyOptionsValidator
{
    private const string Section = "Daemun:OpenIdProvider:Keys";

    /// <summary>Throws when the key options cannot work.</summary>
    public static void Validate(OpenIdProviderKeyOptions keys)
    {
        if (keys.Algorithm is not (SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.EcdsaSha256))
        {
            throw new DaemunConfigurationException($"{Section}:Algorithm", $"must be RS256 or ES256 (got '{keys.Algorithm}').");
        }
        if (keys.RotateEvery <= TimeSpan.Zero)
        {
            throw new DaemunConfigurationException($"{Section}:RotateEvery", $"must be a positive duration such as 90.00:00:00 (got {keys.RotateEvery}).");
        }
        if (keys.PublishAhead < TimeSpan.Zero || keys.PublishAhead >= keys.RotateEvery)
        {
            throw new DaemunConfigurationException($"{Section}:PublishAhead", $"must be zero or more and shorter than {Section}:RotateEvery (got {keys.PublishAhead}).");
        }
        if (keys.ReloadEvery <= TimeSpan.Zero || keys.ReloadEvery > TimeSpan.FromDays(1))
        {
            throw new DaemunConfigurationException($"{Section}:ReloadEvery", $"must be a positive duration of at most a day such as 00:01:00 (got {keys.ReloadEvery}).");
        }
    }
}
