using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Providers;

/// <summary>Kakao's logout (docs/providers/kakao.md §4): <c>POST /v1/user/logout</c> with the access token as Bearer answers
/// <c>{"id":…}</c> and expires the person's tokens; the browser logout page <c>/oauth/logout</c> takes <c>client_id</c>,
/// <c>logout_redirect_uri</c> and <c>state</c>.</summary>
internal sealed class KakaoLogoutRequest : LogoutRequest
{
    public override bool Confirms(JsonElement? answer) => NamesUser(answer);

    public override string BrowserLogoutUrl(ProviderOptions provider, string returnUrl, string state) =>
        QueryHelpers.AddQueryString(provider.BrowserLogoutEndpoint!, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["client_id"] = provider.ClientId,
            ["logout_redirect_uri"] = returnUrl,
            ["state"] = state,
        });

    /// <summary>Kakao's user APIs answer <c>{"id":…}</c>, the app user id they acted on.</summary>
    internal static bool NamesUser(JsonElement? answer) => answer is { ValueKind: JsonValueKind.Object } json && Json.Text(json, "id") is not null;
}
