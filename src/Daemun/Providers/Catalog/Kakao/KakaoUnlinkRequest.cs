using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Kakao's unlink API (docs/providers/kakao.md §3): <c>POST /v1/user/unlink</c> with the access token as Bearer answers
/// <c>{"id":…}</c>, the app user id that was unlinked; anything else did not unlink.</summary>
internal sealed class KakaoUnlinkRequest : UnlinkRequest
{
    public override bool Confirms(JsonElement? answer) => KakaoLogoutRequest.NamesUser(answer);
}
