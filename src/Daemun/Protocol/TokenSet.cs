using System.Text.Json;
using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>The tokens a provider issued; <paramref name="Response"/> is the token response as received (for <see cref="ProfileRequest.Combine"/>).</summary>
internal sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken, string? TokenType, string? Scope, DateTimeOffset? ExpiresAt, JsonElement? Response = null);
