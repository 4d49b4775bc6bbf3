namespace Daemun.Emulator;

/// <summary>Paths of an OpenID Connect provider, relative to its root.</summary>
internal sealed record OidcPaths(string Authorize, string Token, string UserInfo, string Jwks, string Revoke);
