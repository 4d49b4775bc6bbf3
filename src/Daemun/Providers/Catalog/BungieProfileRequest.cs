using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Bungie.net's platform API (docs/providers/bungie.md): the answer's <c>Response</c> member is the result, and <c>ErrorStatus</c> is
/// <c>Success</c> when the call worked (a failure may come with HTTP 200).</summary>
internal sealed class BungieProfileRequest : ProfileRequest
{
    public override string? Failure(JsonElement answer) =>
        Json.Text(answer, "ErrorStatus") is "Success" ? null : Json.Text(answer, "ErrorStatus") ?? "no ErrorStatus";

    public override JsonElement? Profile(JsonElement answer) => Json.Member(answer, "Response") is { ValueKind: JsonValueKind.Object } r ? r : null;
}
