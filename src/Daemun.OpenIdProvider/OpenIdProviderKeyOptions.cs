namespace Daemun.OpenIdProvider;

/// <summary>Signing keys (<c>Daemun:OpenIdProvider:Keys:…</c>).</summary>
public sealed class OpenIdProviderKeyOptions
{
    /// <summary><c>RS256</c> (default) or <c>ES256</c>.</summary>
    public string Algorithm { get; set; } = "RS256";
}
