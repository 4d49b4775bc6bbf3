using System.Text.Json;
using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>Reduces a provider's error values to something safe to log: codes only, never descriptions (which can echo the code).</summary>
internal static class ProviderErrors
{
    public static string Safe(string value)
    {
        var kept = new string(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').Take(64).ToArray());
        return kept.Length == 0 ? "?" : kept;
    }

    public static string SafeSuffix(JsonElement json, string member) =>
        Json.Text(json, member) is { } v ? $" {member}={Safe(v)}" : "";
}
