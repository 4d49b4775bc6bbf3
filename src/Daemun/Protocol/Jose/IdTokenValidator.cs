using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Daemun.Protocol.Jose;

/// Validates an id_token (OIDC Core §3.1.3.7, RFC 7519 §7.2) in a fixed order: strict parse,
/// algorithm allow-list, key selection, signature, then the claims (iss, sub, aud/azp, exp, iat, nbf,
/// nonce). No claim is read before the signature has verified. Never throws for any token; only
/// cancellation of ct (OperationCanceledException) and invalid expectations (ArgumentException) escape.
internal sealed class IdTokenValidator
{
    /// The Detail of a failure that should be impossible; tests assert it never appears.
    internal const string UnexpectedErrorDetail = "unexpected error while validating the token";

    private readonly JwksCache keys;
    private readonly TimeProvider time;

    public IdTokenValidator(JwksCache keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        this.keys = keys;
        this.time = time;
    }

    /// Validates idToken against expected; the result says why when it fails.
    public async Task<IdTokenValidation> ValidateAsync(string idToken, IdTokenExpectations expected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentException.ThrowIfNullOrEmpty(expected.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(expected.Audience);
        ArgumentNullException.ThrowIfNull(expected.JwksUri);
        ArgumentNullException.ThrowIfNull(expected.AllowedAlgorithms);
        ArgumentOutOfRangeException.ThrowIfLessThan(expected.ClockSkew, TimeSpan.Zero);
        if (expected.Nonce is { Length: 0 })
        {
            throw new ArgumentException("An expected nonce must not be empty; use null when none was sent.", nameof(expected));
        }

        try
        {
            return await ValidateCoreAsync(idToken, expected, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            return IdTokenValidation.Fail(IdTokenFailure.Malformed, UnexpectedErrorDetail);
        }
    }

    private async Task<IdTokenValidation> ValidateCoreAsync(string idToken, IdTokenExpectations expected, CancellationToken ct)
    {
        if (!CompactJws.TryParse(idToken, out var jws, out var error))
        {
            return IdTokenValidation.Fail(IdTokenFailure.Malformed, error);
        }

        if (!JoseAlgorithms.IsSupported(jws.Algorithm) || !expected.AllowedAlgorithms.Contains(jws.Algorithm, StringComparer.Ordinal))
        {
            return IdTokenValidation.Fail(IdTokenFailure.AlgorithmNotAllowed, "the token's alg is not allowed");
        }

        IReadOnlyList<JsonWebKey> candidates;
        try
        {
            candidates = await keys.GetKeysAsync(expected.JwksUri, jws.KeyId, jws.Algorithm, ct);
        }
        catch (JoseException)
        {
            return IdTokenValidation.Fail(IdTokenFailure.KeysUnavailable, "the issuer's JWKS could not be fetched or parsed");
        }

        if (candidates.Count == 0)
        {
            return IdTokenValidation.Fail(IdTokenFailure.UnknownKey, jws.KeyId is null
                ? "the token has no kid and the JWKS has not exactly one key for its alg"
                : "no key in the JWKS has the token's kid and fits its alg");
        }

        if (!candidates.Any(key => key.Verify(jws.Algorithm, jws.SigningInput.Span, jws.Signature)))
        {
            return IdTokenValidation.Fail(IdTokenFailure.BadSignature, "the signature does not verify");
        }

        return CheckClaims(jws.Payload, expected) ?? IdTokenValidation.Success(jws.Payload);
    }

    // The first claim that fails, or null when all pass.
    private IdTokenValidation? CheckClaims(JsonElement claims, IdTokenExpectations expected)
    {
        switch (StrictJson.TryGetString(claims, "iss", out var issuer))
        {
            case MemberState.Missing: return Missing("iss");
            case MemberState.WrongType: return WrongType("iss");
            case MemberState.Present when !string.Equals(issuer, expected.Issuer, StringComparison.Ordinal):
                return IdTokenValidation.Fail(IdTokenFailure.WrongIssuer, "iss is not the expected issuer");
        }

        switch (StrictJson.TryGetString(claims, "sub", out var subject))
        {
            case MemberState.Missing: return Missing("sub");
            case MemberState.WrongType: return WrongType("sub");
            case MemberState.Present when subject!.Length == 0:
                return IdTokenValidation.Fail(IdTokenFailure.MissingClaim, "sub is empty");
        }

        if (CheckAudience(claims, expected.Audience) is { } audienceFailure)
        {
            return audienceFailure;
        }

        var nowSeconds = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var skewSeconds = expected.ClockSkew.TotalSeconds;

        switch (StrictJson.TryGetNumber(claims, "exp", out var expiresAt))
        {
            case MemberState.Missing: return Missing("exp");
            case MemberState.WrongType: return WrongType("exp");
            case MemberState.Present when nowSeconds >= expiresAt + skewSeconds:
                return IdTokenValidation.Fail(IdTokenFailure.Expired, "exp has passed (beyond the clock skew)");
        }

        switch (StrictJson.TryGetNumber(claims, "iat", out var issuedAt))
        {
            case MemberState.Missing: return Missing("iat");
            case MemberState.WrongType: return WrongType("iat");
            case MemberState.Present when issuedAt > nowSeconds + skewSeconds:
                return IdTokenValidation.Fail(IdTokenFailure.NotYetValid, "iat is in the future (beyond the clock skew)");
            case MemberState.Present when expected.MaxAge is { } maxAge && issuedAt < nowSeconds - maxAge.TotalSeconds - skewSeconds:
                return IdTokenValidation.Fail(IdTokenFailure.Expired, "iat is older than the maximum token age");
        }

        switch (StrictJson.TryGetNumber(claims, "nbf", out var notBefore))
        {
            case MemberState.WrongType: return WrongType("nbf");
            case MemberState.Present when notBefore > nowSeconds + skewSeconds:
                return IdTokenValidation.Fail(IdTokenFailure.NotYetValid, "nbf is in the future (beyond the clock skew)");
        }

        if (expected.Nonce is not null)
        {
            switch (StrictJson.TryGetString(claims, "nonce", out var nonce))
            {
                case MemberState.Missing:
                    return IdTokenValidation.Fail(IdTokenFailure.NonceMismatch, "the token has no nonce but one was sent");
                case MemberState.WrongType: return WrongType("nonce");
                case MemberState.Present when !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce!), Encoding.UTF8.GetBytes(expected.Nonce)):
                    return IdTokenValidation.Fail(IdTokenFailure.NonceMismatch, "nonce is not the one sent");
            }
        }

        return null;
    }

    // aud is a string or a non-empty array of strings containing us; with several audiences azp must
    // be there, and whenever azp is there it must be us (OIDC Core §3.1.3.7 steps 3 to 5).
    private static IdTokenValidation? CheckAudience(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return Missing("aud");
        }

        bool containsUs;
        int count;
        switch (aud.ValueKind)
        {
            case JsonValueKind.String:
                containsUs = aud.ValueEquals(audience);
                count = 1;
                break;
            case JsonValueKind.Array:
                containsUs = false;
                count = 0;
                foreach (var item in aud.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return WrongType("aud");
                    }

                    containsUs |= item.ValueEquals(audience);
                    count++;
                }

                break;
            default:
                return WrongType("aud");
        }

        if (!containsUs)
        {
            return IdTokenValidation.Fail(IdTokenFailure.WrongAudience, "aud does not contain our client_id");
        }

        switch (StrictJson.TryGetString(claims, "azp", out var authorizedParty))
        {
            case MemberState.Missing when count > 1:
                return IdTokenValidation.Fail(IdTokenFailure.WrongAudience, "aud has several values and there is no azp");
            case MemberState.WrongType: return WrongType("azp");
            case MemberState.Present when !string.Equals(authorizedParty, audience, StringComparison.Ordinal):
                return IdTokenValidation.Fail(IdTokenFailure.WrongAudience, "azp is not our client_id");
        }

        return null;
    }

    private static IdTokenValidation Missing(string claim) =>
        IdTokenValidation.Fail(IdTokenFailure.MissingClaim, $"the token has no {claim} claim");

    private static IdTokenValidation WrongType(string claim) =>
        IdTokenValidation.Fail(IdTokenFailure.Malformed, $"the {claim} claim has the wrong JSON type");
}
