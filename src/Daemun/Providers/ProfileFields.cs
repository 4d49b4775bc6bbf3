namespace Daemun.Providers;

/// <summary>What a profile mapping extracts from the provider's JSON (the raw JSON is kept by the engine).</summary>
public sealed record ProfileFields(string? Id, string? Name, string? Email, bool EmailVerified, string? Image);
