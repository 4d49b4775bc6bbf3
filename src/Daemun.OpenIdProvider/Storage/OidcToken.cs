namespace Daemun.OpenIdProvider.Storage;

/// <summary>An OpenIddict token entry (authorization code, refresh token, reference token, …) as a row of <c>oidc_tokens</c>, handled
/// by <see cref="OidcTokenStore"/>. Marking it redeemed is an optimistic update, so only one of concurrent redemptions succeeds.
/// Times are Unix milliseconds.</summary>
internal sealed class OidcToken
{
    public string Id { get; set; } = "";

    /// <summary>The <see cref="OidcApplication.Id"/> of the client.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The <see cref="OidcAuthorization.Id"/> the token belongs to.</summary>
    public string? AuthorizationId { get; set; }

    /// <summary>The person (Daemun user id).</summary>
    public string? Subject { get; set; }

    public string? Status { get; set; }
    public string? Type { get; set; }

    /// <summary>The reference identifier as OpenIddict's manager obfuscated (hashed) it; unique.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>The token's payload, for reference tokens (as OpenIddict protects it).</summary>
    public string? Payload { get; set; }

    /// <summary>JSON object.</summary>
    public string? Properties { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long? CreationDate { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long? ExpirationDate { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long? RedemptionDate { get; set; }

    /// <summary>Changes on every update; an update that does not find the value it read loses (optimistic concurrency).</summary>
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}
