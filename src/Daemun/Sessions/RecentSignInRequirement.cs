using System.Globalization;
using Daemun.Endpoints;
using Daemun.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Daemun.Sessions;

/// <summary>The person must have authenticated at their provider within <see cref="Within"/> (step-up for sensitive pages).</summary>
/// <param name="within">How recent the provider authentication must be.</param>
public sealed class RecentSignInRequirement(TimeSpan within) : IAuthorizationRequirement
{
    /// <summary>How recent the provider authentication must be.</summary>
    public TimeSpan Within { get; } = within > TimeSpan.Zero ? within : throw new ArgumentOutOfRangeException(nameof(within), "must be positive");
}
