using Microsoft.IdentityModel.Tokens;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>A signing key as the ring holds it: decrypted, with its schedule.</summary>
/// <param name="Id">The <c>kid</c>.</param>
/// <param name="Algorithm"><c>RS256</c> or <c>ES256</c>.</param>
/// <param name="SignsFrom">From when it signs (published before that).</param>
/// <param name="RetiresAt">When it leaves the JWKS; null while it has no successor.</param>
/// <param name="Credentials">Key and algorithm, for OpenIddict.</param>
internal sealed record SigningKey(string Id, string Algorithm, DateTimeOffset SignsFrom, DateTimeOffset? RetiresAt, SigningCredentials Credentials);
