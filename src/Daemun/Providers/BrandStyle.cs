namespace Daemun.Providers;

/// <summary>Brand colours and logo for the sign-in button.</summary>
public sealed record BrandStyle(string Background, string Text, string? LogoSvg = null, string? Border = null);
