namespace Daemun.Providers;

/// <summary>Dot paths into a profile JSON for <see cref="GenericOAuth2"/>.</summary>
public sealed record ProfilePaths(string Id = "id", string Name = "name", string Email = "email", string? EmailVerified = "email_verified", string Image = "picture");
