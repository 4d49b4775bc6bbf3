using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Microsoft Entra ID's issuer validation. The discovery document of <c>common</c> and <c>organizations</c> names the literal
/// template <c>https://login.microsoftonline.com/{tenantid}/v2.0</c>; that of <c>consumers</c> or of a tenant's domain names that tenant's
/// own issuer (its GUID in place of the configured name). An id_token under the template must carry exactly the template with its own
/// <c>tid</c> (a GUID) substituted; under one tenant's issuer, exactly that issuer — so a specific tenant refuses every other tenant's
/// tokens, and a token whose iss names another tenant than its tid is refused everywhere. Microsoft:
/// learn.microsoft.com/entra/identity-platform/claims-validation (validate the issuer with the tid claim).</summary>
internal sealed class EntraIssuerRule : IssuerRule
{
    /// <summary>The placeholder of the multi-tenant discovery document, exactly as Entra writes it.</summary>
    public const string Template = "{tenantid}";

    /// <inheritdoc/>
    public override bool AcceptsDiscovered(string configured, string discovered)
    {
        if (base.AcceptsDiscovered(configured, discovered)) return true;
        // the same address with the tenant segment (the one before "v2.0") replaced by the template or by a tenant id
        if (TenantSegment(configured) is not { } mine || TenantSegment(discovered) is not { } theirs) return false;
        if (!string.Equals(configured[..mine.Start] + configured[mine.End..], discovered[..theirs.Start] + discovered[theirs.End..], StringComparison.Ordinal)) return false;
        var configuredTenant = configured[mine.Start..mine.End];
        var tenant = discovered[theirs.Start..theirs.End];
        return configuredTenant switch
        {
            "common" or "organizations" => tenant == Template,
            "consumers" => tenant == MicrosoftEntraId.ConsumersTenantId,
            _ => !IsTenantId(configuredTenant) && IsTenantId(tenant), // a domain names its tenant's GUID; a configured GUID only itself
        };
    }

    /// <inheritdoc/>
    public override string? ExpectedIssuer(string discovered, JsonElement claims)
    {
        if (!discovered.Contains(Template, StringComparison.Ordinal)) return discovered; // one tenant: exactly its issuer
        return claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty("tid", out var tid) && tid.ValueKind == JsonValueKind.String
            && tid.GetString() is { } id && IsTenantId(id)
            ? discovered.Replace(Template, id, StringComparison.Ordinal)
            : null;
    }

    /// <summary>A tenant id is a GUID in its lower-case "D" form, as Entra writes <c>tid</c> and its issuers.</summary>
    private static bool IsTenantId(string value) =>
        value.Length == 36 && Guid.TryParseExact(value, "D", out var guid) && guid.ToString("D") == value;

    /// <summary>Where the tenant segment is in an issuer ending <c>/{tenant}/v2.0</c>.</summary>
    private static (int Start, int End)? TenantSegment(string issuer)
    {
        const string Suffix = "/v2.0";
        if (!issuer.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        var end = issuer.Length - Suffix.Length;
        var start = issuer.LastIndexOf('/', end - 1) + 1;
        return start > 0 && start < end && issuer.IndexOf("://", StringComparison.Ordinal) is var scheme and > 0 && start > scheme + 3 ? (start, end) : null;
    }
}
