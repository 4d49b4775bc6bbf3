using System.Text.Json;

namespace Daemun.Providers;

/// <summary>VK ID's <c>/oauth2/user_info</c> (docs/providers/vk.md): a POST whose form body carries <c>client_id</c> and <c>access_token</c>;
/// the answer's <c>user</c> member is the profile.</summary>
internal sealed class VkProfileRequest : ProfileRequest
{
    public override HttpRequestMessage Create(string url, string accessToken, ProviderOptions provider) => new(HttpMethod.Post, url)
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = provider.ClientId ?? "",
            ["access_token"] = accessToken,
        }),
    };

    public override JsonElement? Profile(JsonElement answer) => Json.Member(answer, "user") is { ValueKind: JsonValueKind.Object } user ? user : null;
}
