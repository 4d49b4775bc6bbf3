namespace Daemun.OpenIdProvider.Storage;

/// <summary>An OpenIddict authorization (a person's grant of scopes to a client, permanent or ad hoc) as a row of
/// <c>oidc_authorizations</c>, handled by <see cref="OidcAuthorizationStore"/>. Times are Unix milliseconds.</summary>
internal sealed class OidcAuthorization
{
    public string Id { get; set; } = "";

    /// <summary>The <see cref="OidcApplication.Id"/> of the client.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The person (Daemun user id).</summary>
    public string? Subject { get; set; }

    public string? Status { get; set; }
    public string? Type { get; set; }

    /// <summary>JSON array of strings.</summary>
    public string? Scopes { get; set; }

    /// <summary>JSON object.</summary>
    public string? Properties { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long? CreationDate { get; set; }

    /// <summary>Changes on every update; an update that does not find the value it read loses (optimistic concurrency).</summary>
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}
