namespace Daemun.Providers;

/// <summary>The provider's profile, normalized. <see cref="Raw"/> keeps the provider's JSON as received.</summary>
public sealed record NormalizedProfile(string ProviderAccountId, string? Name, string? Email, bool EmailVerified, string? Image, string Raw);
