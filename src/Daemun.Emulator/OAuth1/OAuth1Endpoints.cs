namespace Daemun.Emulator;

/// <summary>Endpoint URLs of one emulated OAuth 1.0a provider (RFC 5849 §2), for the engine's configuration.</summary>
/// <param name="RequestTokenEndpoint">Temporary Credential Request (§2.1).</param>
/// <param name="AuthorizationEndpoint">Resource Owner Authorization (§2.2): the consent page.</param>
/// <param name="AccessTokenEndpoint">Token Request (§2.3).</param>
/// <param name="UserInfoEndpoint">The profile, signed with the token credentials; answers the provider's recorded profile.</param>
public sealed record OAuth1Endpoints(string RequestTokenEndpoint, string AuthorizationEndpoint, string AccessTokenEndpoint, string UserInfoEndpoint);
