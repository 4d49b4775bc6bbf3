using System.Text.Json.Nodes;

namespace Daemun.Emulator.Catalog;

/// <summary>A <see cref="ResponseShape"/>'s answers as they are when the person's email is not verified under the provider's rule.</summary>
public sealed record UnverifiedAnswers(JsonNode? Profile, JsonObject? IdToken, JsonNode? Emails);
