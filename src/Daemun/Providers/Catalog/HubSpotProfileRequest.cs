namespace Daemun.Providers;

/// <summary>HubSpot's access-token information API (docs/providers/hubspot.md): the access token is the last path segment of the URL,
/// and no Authorization header is sent.</summary>
internal sealed class HubSpotProfileRequest : ProfileRequest
{
    public override HttpRequestMessage Create(string url, string accessToken, ProviderOptions provider) =>
        new(HttpMethod.Get, url.TrimEnd('/') + "/" + Uri.EscapeDataString(accessToken));
}
