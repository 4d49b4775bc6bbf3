namespace Daemun.Providers;

/// <summary>Where each normalized field is read in a provider's profile, as dot paths (<c>kakao_account.email</c>), for the documentation
/// and the emulator; null when the provider has no such field.</summary>
public sealed record ProfileFieldNames(string Id, string? Name, string? Email, string? Image, string? EmailVerified = null);
