namespace Daemun.Emulator.Catalog;

/// <summary>The normalized profile a correct mapping makes of a <see cref="ResponseShape"/>'s documented answers.</summary>
public sealed record ExpectedProfile(string Id, string? Name, string? Email, bool EmailVerified, string? Image);
