using Daemun.Emulator;
using Daemun.Providers;

namespace Daemun.Server;

/// <summary>The emulator's app and endpoints for one provider, by the key of the setting each fills (<see cref="ProviderSettings"/>): the one
/// place an emulator endpoint is matched to a setting. <see cref="EmulatedProvider"/> refuses a key that is no setting, and gives a declared
/// URL that has no entry here the provider's own path under the emulator.</summary>
internal static class EmulatorValues
{
    /// <summary>An OAuth 2.0 or OpenID Connect emulator's app and endpoints.</summary>
    public static Dictionary<string, string?> Of(EmulatorClient client, ProviderEndpoints e) => new(StringComparer.Ordinal)
    {
        ["ClientId"] = client.ClientId,
        ["ClientSecret"] = client.ClientSecret,
        ["Issuer"] = e.Issuer,
        ["AuthorizationEndpoint"] = e.AuthorizationEndpoint,
        ["TokenEndpoint"] = e.TokenEndpoint,
        ["UserInfoEndpoint"] = e.UserInfoEndpoint,
        ["JwksUri"] = e.JwksUri,
        ["RevocationEndpoint"] = e.RevocationEndpoint,
        ["EmailFallbackEndpoint"] = e.EmailsEndpoint,
    };

    /// <summary>An OAuth 1.0a emulator's consumer and endpoints (RFC 5849 §2).</summary>
    public static Dictionary<string, string?> Of(EmulatorClient client, OAuth1Endpoints e) => new(StringComparer.Ordinal)
    {
        ["ClientId"] = client.ClientId,
        ["ClientSecret"] = client.ClientSecret,
        ["RequestTokenEndpoint"] = e.RequestTokenEndpoint,
        ["AuthorizationEndpoint"] = e.AuthorizationEndpoint,
        ["AccessTokenEndpoint"] = e.AccessTokenEndpoint,
        ["UserInfoEndpoint"] = e.UserInfoEndpoint,
    };
}
