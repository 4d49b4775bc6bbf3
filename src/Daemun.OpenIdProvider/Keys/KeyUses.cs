namespace Daemun.OpenIdProvider.Keys;

/// <summary>The values of <c>oidc_keys.use</c>.</summary>
internal static class KeyUses
{
    /// <summary>Signs tokens; its public half is in the JWKS.</summary>
    public const string Signing = "sig";

    /// <summary>Encrypts the tokens only this server reads (authorization codes, refresh tokens): OpenIddict requires one.</summary>
    public const string Encryption = "enc";

    /// <summary>The secret behind pairwise subject identifiers (HMAC).</summary>
    public const string Pairwise = "pairwise";
}
