using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Naver's profile API (docs/providers/naver.md §4): the profile is the <c>response</c> member of an envelope whose <c>resultcode</c>
/// is <c>00</c> on success; a failure may come with HTTP 200 and another result code.</summary>
internal sealed class NaverProfileRequest : ProfileRequest
{
    public override string? Failure(JsonElement answer) => Json.Text(answer, "resultcode") is "00" ? null : Json.Text(answer, "resultcode") ?? "no resultcode";

    public override JsonElement? Profile(JsonElement answer) => Json.Member(answer, "response") is { ValueKind: JsonValueKind.Object } r ? r : null;
}
