namespace Daemun.OpenIdProvider;

/// <summary>One app (client) from configuration: <c>Daemun:OpenIdProvider:Clients:{clientId}:…</c>.</summary>
public sealed class OpenIdClientOptions
{
    /// <summary><c>web</c> (confidential, authorization code), <c>spa</c> and <c>native</c> (public, authorization code with PKCE),
    /// <c>machine</c> (confidential, client credentials only).</summary>
    public string? Type { get; set; }

    /// <summary>The secret of a <c>web</c> or <c>machine</c> client; stored only as a hash.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where codes may be sent, compared exactly.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where the person may be sent after signing out, compared exactly.</summary>
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>The scopes the client may ask for (<c>openid</c>, <c>profile</c>, <c>email</c>, <c>offline_access</c>, <c>providers</c>, API scopes).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>An app of the same owner as this server: no consent page.</summary>
    public bool FirstParty { get; set; }

    /// <summary>The app's name on the consent page and the account page.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The app's logo on the consent page (absolute https URL).</summary>
    public string? LogoUri { get; set; }

    /// <summary><c>public</c> (default: <c>sub</c> is the Daemun user id) or <c>pairwise</c> (a different <c>sub</c> per sector, so apps of
    /// different owners cannot correlate a person).</summary>
    public string? SubjectType { get; set; }

    /// <summary>The sector of a pairwise client (a host name); default: the host of its redirect URIs, which must then all share one host.</summary>
    public string? SectorIdentifier { get; set; }
}
