using Microsoft.AspNetCore.Authorization;

namespace Daemun.Sessions;

/// <summary>The person must have authenticated at their provider within <see cref="Within"/> (step-up for sensitive pages).</summary>
/// <param name="within">How recent the provider authentication must be.</param>
public sealed class RecentSignInRequirement(TimeSpan within) : IAuthorizationRequirement
{
    /// <summary>How recent the provider authentication must be.</summary>
    public TimeSpan Within { get; } = within > TimeSpan.Zero ? within : throw new ArgumentOutOfRangeException(nameof(within), "must be positive");
}
