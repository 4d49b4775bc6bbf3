namespace Daemun.OpenIdProvider.Storage;

/// <summary>An OpenIddict application (a client of Daemun's OpenID Provider) as a row of <c>oidc_applications</c>: what OpenIddict's
/// managers read and write through <see cref="OidcApplicationStore"/>. JSON-valued fields hold the column's JSON text as is.</summary>
internal sealed class OidcApplication
{
    /// <summary>The row's identifier (not the client_id).</summary>
    public string Id { get; set; } = "";

    /// <summary>The OAuth client_id, unique.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret as OpenIddict's manager hashed it (never the secret itself).</summary>
    public string? ClientSecret { get; set; }

    public string? ClientType { get; set; }
    public string? ApplicationType { get; set; }
    public string? ConsentType { get; set; }
    public string? DisplayName { get; set; }

    /// <summary>JSON object: culture name → display name.</summary>
    public string? DisplayNames { get; set; }

    /// <summary>JSON Web Key Set as JSON.</summary>
    public string? JsonWebKeySet { get; set; }

    /// <summary>JSON array of strings.</summary>
    public string? Permissions { get; set; }

    /// <summary>JSON array of strings.</summary>
    public string? PostLogoutRedirectUris { get; set; }

    /// <summary>JSON array of strings.</summary>
    public string? RedirectUris { get; set; }

    /// <summary>JSON array of strings.</summary>
    public string? Requirements { get; set; }

    /// <summary>JSON object of strings.</summary>
    public string? Settings { get; set; }

    /// <summary>JSON object.</summary>
    public string? Properties { get; set; }

    /// <summary>Changes on every update; an update that does not find the value it read loses (optimistic concurrency).</summary>
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}
