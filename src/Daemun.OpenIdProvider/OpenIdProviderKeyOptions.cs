namespace Daemun.OpenIdProvider;

/// <summary>Signing keys (<c>Daemun:OpenIdProvider:Keys:…</c>). There is nothing to provide: the keys are generated on first start, kept in
/// the store (table <c>oidc_keys</c>) encrypted with Data Protection, shared by every instance and rotated on this schedule
/// (see <see cref="Keys.OpenIdKeyRing"/>).</summary>
public sealed class OpenIdProviderKeyOptions
{
    /// <summary><c>RS256</c> (default: RSA 2048) or <c>ES256</c> (ECDSA P-256). Changing it rotates to a key of the new algorithm
    /// (published <see cref="PublishAhead"/> before it signs); keys of the old one stay published until their tokens have expired.</summary>
    public string Algorithm { get; set; } = "RS256";

    /// <summary>How long a signing key is the newest before the next one is created. Default 90 days.</summary>
    public TimeSpan RotateEvery { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a new signing key is in the JWKS before it signs, so that relying parties that cache the JWKS know it by then.
    /// Default 1 day; must be shorter than <see cref="RotateEvery"/>.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each instance reads the keys again from the store (so that all instances converge on a rotation made by one of
    /// them). Default 1 minute.</summary>
    public TimeSpan ReloadEvery { get; set; } = TimeSpan.FromMinutes(1);
}
