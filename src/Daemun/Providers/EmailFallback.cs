using System.Text.Json;

namespace Daemun.Providers;

/// <summary>A second endpoint that supplies the email when the profile has none (GitHub's <c>/user/emails</c>).</summary>
public sealed record EmailFallback(string Endpoint, Func<JsonElement, (string? Email, bool Verified)> Select);
