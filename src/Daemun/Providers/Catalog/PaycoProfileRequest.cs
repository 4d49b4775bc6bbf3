using System.Text.Json;

namespace Daemun.Providers;

/// <summary>PAYCO's member API (docs/providers/payco.md): <c>POST find_member_v2.json</c> with the headers <c>client_id</c> and
/// <c>access_token</c>; the answer is NHN's envelope, a success when <c>header.isSuccessful</c> is true and <c>header.resultCode</c> is 0,
/// with the member in <c>data.member</c>.</summary>
internal sealed class PaycoProfileRequest : ProfileRequest
{
    public override HttpRequestMessage Create(string url, string accessToken, ProviderOptions provider)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.TryAddWithoutValidation("client_id", provider.ClientId);
        request.Headers.TryAddWithoutValidation("access_token", accessToken);
        return request;
    }

    public override string? Failure(JsonElement answer)
    {
        var header = Json.Member(answer, "header");
        if (header.ValueKind != JsonValueKind.Object) return "no header";
        return Json.Bool(header, "isSuccessful") && Json.Text(header, "resultCode") is "0" ? null : Json.Text(header, "resultCode") ?? "no resultCode";
    }

    public override JsonElement? Profile(JsonElement answer) =>
        Json.Member(Json.Member(answer, "data"), "member") is { ValueKind: JsonValueKind.Object } member ? member : null;
}
