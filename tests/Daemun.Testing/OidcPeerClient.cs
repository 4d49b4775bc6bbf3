namespace Daemun.Tests.Infrastructure;

/// <summary>A client registered at the conformance peer for one test: its credentials, how it authenticates at the token endpoint
/// (<c>client_secret_basic</c> or <c>client_secret_post</c>), its allowed scope and its RFC 7592 management handle.</summary>
public sealed record OidcPeerClient(string Issuer, string ClientId, string ClientSecret, string AuthMethod, string Scope,
    string RegistrationClientUri, string RegistrationAccessToken);
