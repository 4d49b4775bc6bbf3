using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Naver's token endpoint, both modes (docs/providers/naver.md §2): <c>expires_in</c> is a JSON string (<c>"3600"</c>).</summary>
internal class NaverTokenResponse : TokenResponse
{
    public override long? ExpiresIn(JsonElement value) => base.ExpiresIn(value) ?? IntegerString(value);
}
