namespace Daemun.OpenIdProvider.Storage;

/// <summary>An OpenIddict scope (its name, display texts and the resources it grants access to) as a row of <c>oidc_scopes</c>,
/// handled by <see cref="OidcScopeStore"/>.</summary>
internal sealed class OidcScope
{
    public string Id { get; set; } = "";

    /// <summary>The scope's name, unique.</summary>
    public string? Name { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>JSON object: culture name → display name.</summary>
    public string? DisplayNames { get; set; }

    public string? Description { get; set; }

    /// <summary>JSON object: culture name → description.</summary>
    public string? Descriptions { get; set; }

    /// <summary>JSON array of strings (audiences).</summary>
    public string? Resources { get; set; }

    /// <summary>JSON object.</summary>
    public string? Properties { get; set; }

    /// <summary>Changes on every update; an update that does not find the value it read loses (optimistic concurrency).</summary>
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}
