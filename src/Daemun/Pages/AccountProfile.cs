namespace Daemun.Pages;

/// <summary>The signed-in person's profile as shown on the account page.</summary>
internal sealed record AccountProfile(string UserId, string? Name, string? Email, string? Image);
