using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Which issuer a provider's discovery document may name and which <c>iss</c> its id_tokens must carry. The default
/// (<see cref="Exact"/>) is OIDC's: both are exactly the configured issuer. A multi-tenant provider (Microsoft Entra ID's
/// <c>{tenantid}</c> template) supplies its own rule with its declaration; the engine never names a provider.</summary>
public class IssuerRule
{
    /// <summary>OIDC Discovery §4.3 and Core §3.1.3.7: the configured issuer, compared exactly.</summary>
    public static IssuerRule Exact { get; } = new();

    /// <summary>Whether the discovery document read at <paramref name="configured"/> may name <paramref name="discovered"/> as its issuer.</summary>
    public virtual bool AcceptsDiscovered(string configured, string discovered) => string.Equals(configured, discovered, StringComparison.Ordinal);

    /// <summary>The <c>iss</c> an id_token must carry, given the issuer its discovery document named and the token's claims as sent (not yet
    /// verified: the signature check that follows covers them, so a claim used here cannot be changed without the signature failing);
    /// null refuses the token.</summary>
    public virtual string? ExpectedIssuer(string discovered, JsonElement claims) => discovered;
}
