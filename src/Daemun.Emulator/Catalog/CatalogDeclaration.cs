namespace Daemun.Emulator.Catalog;

/// <summary>What the emulator needs to know of a catalog provider's declaration to serve it from its recorded <see cref="ResponseShape"/>
/// under <c>{emulator}/{Id}/…</c> (<see cref="ProviderEmulator.AddCatalogProvider"/>). Paths are relative to <c>{emulator}/{Id}</c> and start
/// with <c>/</c>; the discovery document (<c>/.well-known/openid-configuration</c>), the JWKS (<c>/jwks</c>) and the consent form
/// (<c>/consent</c>) have fixed paths.</summary>
/// <param name="Id">The provider id: the recorded shape's name and the first path segment.</param>
/// <param name="Name">The provider's name on the consent page.</param>
public sealed record CatalogDeclaration(string Id, string Name)
{
    /// <summary>OpenID Connect: discovery (issuer <c>{emulator}/{Id}</c>), JWKS and a signed id_token made of the shape's <c>idToken</c> claims.</summary>
    public bool OpenIdConnect { get; init; }

    /// <summary>The authorization endpoint's path.</summary>
    public string AuthorizationPath { get; init; } = "/authorize";

    /// <summary>The token endpoint's path.</summary>
    public string TokenPath { get; init; } = "/token";

    /// <summary>The profile (userinfo) endpoint's path; served when the shape records a profile.</summary>
    public string ProfilePath { get; init; } = "/profile";

    /// <summary>The secondary email endpoint's path; served when the shape records <c>emails</c>.</summary>
    public string EmailsPath { get; init; } = "/emails";

    /// <summary>The RFC 7009 revocation endpoint's path; null when the provider has none.</summary>
    public string? RevocationPath { get; init; }

    /// <summary>The unlink API's path (a POST with the access token); null when the provider has none.</summary>
    public string? UnlinkPath { get; init; }

    /// <summary>How the token endpoint authenticates the client.</summary>
    public CatalogClientAuthentication ClientAuthentication { get; init; } = CatalogClientAuthentication.Post;

    /// <summary>The profile endpoint's HTTP method (<c>GET</c>, or <c>POST</c> as Dropbox's).</summary>
    public string ProfileMethod { get; init; } = "GET";

    /// <summary>A query or form parameter that carries the access token to the profile endpoint besides <c>access_token</c> and <c>oauth_token</c>.</summary>
    public string? ProfileTokenParameter { get; init; }

    /// <summary>The authorization endpoint refuses a request without a PKCE S256 challenge (the declaration sends one).</summary>
    public bool RequirePkce { get; init; }

    /// <summary>The separator between scopes in the authorization request.</summary>
    public string ScopeSeparator { get; init; } = " ";

    /// <summary>The consent page's header colour.</summary>
    public string BrandColour { get; init; } = "#3d4451";

    /// <summary>The consent page's header text colour.</summary>
    public string BrandTextColour { get; init; } = "#ffffff";
}
