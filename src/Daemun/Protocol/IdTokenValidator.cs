using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.Protocol;

/// <summary>Validates an id_token (OIDC Core §3.1.3.7, RFC 7519 §7.2) with IdentityModel's <see cref="JsonWebTokenHandler"/>: size,
/// algorithm allow-list (RS256, PS256, ES256: no <c>none</c>, no HMAC, so an HS256 token "signed" with the RSA public key is
/// refused; HS256 only for a provider that declares it, keyed by its client secret and never by a JWKS key), key selection from the
/// issuer's JWKS only (the token's <c>jku</c>, <c>x5u</c>, <c>jwk</c> and <c>x5c</c> headers are never read), signature, <c>iss</c> and <c>aud</c> exactly, <c>exp</c>/<c>nbf</c> with the skew on <see cref="TimeProvider"/>;
/// then on the verified claims: <c>sub</c>, <c>azp</c>, <c>iat</c>, <c>nonce</c>, <c>at_hash</c>. An unknown kid asks
/// <see cref="ProviderMetadata"/> for one refetch. Never throws for any token; only cancellation and invalid expectations escape.</summary>
internal sealed class IdTokenValidator(ProviderMetadata metadata, TimeProvider time)
{
    /// <summary>The longest token read at all (characters of the compact form).</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>The only algorithms that can ever pass.</summary>
    public static readonly IReadOnlyList<string> SupportedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>The Detail of a failure that should be impossible; tests assert it never appears.</summary>
    internal const string UnexpectedErrorDetail = "unexpected error while validating the token";

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaxTokenLength, MapInboundClaims = false };

    /// <summary>Validates <paramref name="idToken"/> against <paramref name="expected"/>; the result says why when it fails.</summary>
    public async Task<IdTokenValidation> ValidateAsync(string idToken, IdTokenExpectations expected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentException.ThrowIfNullOrEmpty(expected.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(expected.Audience);
        ArgumentNullException.ThrowIfNull(expected.Keys);
        ArgumentNullException.ThrowIfNull(expected.AllowedAlgorithms);
        ArgumentOutOfRangeException.ThrowIfLessThan(expected.ClockSkew, TimeSpan.Zero);
        if (expected.Nonce is { Length: 0 }) throw new ArgumentException("An expected nonce must not be empty; use null when none was sent.", nameof(expected));

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

    private async Task<IdTokenValidation> ValidateCoreAsync(string? idToken, IdTokenExpectations expected, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(idToken)) return IdTokenValidation.Fail(IdTokenFailure.Malformed, "the token is empty");
        if (idToken.Length > MaxTokenLength) return IdTokenValidation.Fail(IdTokenFailure.TooLarge, $"the token is longer than {MaxTokenLength} characters");
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(idToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return IdTokenValidation.Fail(IdTokenFailure.Malformed, "not a compact JWS with a JSON header and payload");
        }
        if (jwt.IsEncrypted) return IdTokenValidation.Fail(IdTokenFailure.Malformed, "an encrypted token (JWE) is not accepted");
        if (expected.IssuerRule is { } rule) // the iss this token must carry; the signature checked below covers the claims the rule read
        {
            using var sent = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            if (rule.ExpectedIssuer(expected.Issuer, sent.RootElement) is not { Length: > 0 } issuer)
            {
                return IdTokenValidation.Fail(IdTokenFailure.WrongIssuer, "iss does not fit the provider's issuer rule");
            }
            expected = expected with { Issuer = issuer };
        }
        if (jwt.TryGetHeaderValue<object>("crit", out _)) return IdTokenValidation.Fail(IdTokenFailure.Malformed, "the token has a crit header");
        var alg = jwt.Alg;
        if (alg == SecurityAlgorithms.HmacSha256 && expected.ClientSecret is { Length: > 0 } secret)
        {
            var key = Encoding.UTF8.GetBytes(secret); // OIDC Core §10.1: the octets of the client secret
            return key.Length < 32 // RFC 7518 §3.2: a key of at least the hash's 256 bits
                ? IdTokenValidation.Fail(IdTokenFailure.BadSignature, "the client secret is shorter than the 256 bits an HS256 key needs")
                : await VerifyAsync(jwt, alg, expected, [new SymmetricSecurityKey(key)]);
        }
        if (!SupportedAlgorithms.Contains(alg, StringComparer.Ordinal) || !expected.AllowedAlgorithms.Contains(alg, StringComparer.Ordinal))
        {
            return IdTokenValidation.Fail(IdTokenFailure.AlgorithmNotAllowed, "the token's alg is not allowed");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetAsync(expected.Keys, ct);
        }
        catch (Errors.DaemunException e)
        {
            return KeysFailed(e);
        }
        var result = await CheckAsync(jwt, alg, expected, configuration);
        if (result.Failure != IdTokenFailure.UnknownKey) return result;
        try
        {
            var fresh = await metadata.RefetchAsync(expected.Keys, configuration, ct);
            return ReferenceEquals(fresh, configuration) ? result : await CheckAsync(jwt, alg, expected, fresh);
        }
        catch (Errors.DaemunException e)
        {
            return KeysFailed(e);
        }
    }

    /// <summary>An unreachable key set is <see cref="IdTokenFailure.KeysUnavailable"/>; one the provider's metadata got wrong (not a
    /// key set, a refused address) is <see cref="IdTokenFailure.KeysRefused"/>.</summary>
    private static IdTokenValidation KeysFailed(Errors.DaemunException e) => IdTokenValidation.Fail(
        e.Code == Errors.ErrorCode.ProviderUnavailable ? IdTokenFailure.KeysUnavailable : IdTokenFailure.KeysRefused,
        $"the issuer's JWKS could not be used ({e.Message})");

    private Task<IdTokenValidation> CheckAsync(JsonWebToken jwt, string alg, IdTokenExpectations expected, OpenIdConnectConfiguration configuration)
    {
        var keys = FittingKeys(configuration, jwt.Kid is { Length: > 0 } kid ? kid : null, alg, jwt.TryGetHeaderValue<object>("kid", out _));
        if (keys.Count == 0)
        {
            return Task.FromResult(IdTokenValidation.Fail(IdTokenFailure.UnknownKey, jwt.Kid is null
                ? "the token has no kid and the JWKS has not exactly one key for its alg"
                : "no key in the JWKS has the token's kid and fits its alg"));
        }
        return VerifyAsync(jwt, alg, expected, keys);
    }

    /// <summary>The signature with <paramref name="keys"/> and <paramref name="alg"/> only, then the claims.</summary>
    private async Task<IdTokenValidation> VerifyAsync(JsonWebToken jwt, string alg, IdTokenExpectations expected, List<SecurityKey> keys)
    {
        var parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [alg],
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = true,
            ValidateIssuerSigningKey = false,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidIssuer = expected.Issuer,
            IssuerValidator = (issuer, _, _) => string.Equals(issuer, expected.Issuer, StringComparison.Ordinal)
                ? issuer : throw new SecurityTokenInvalidIssuerException("iss is not the expected issuer"),
            ValidateAudience = true,
            ValidAudience = expected.Audience,
            IgnoreTrailingSlashWhenValidatingAudience = false,
            AudienceValidator = (audiences, _, _) => audiences.Contains(expected.Audience, StringComparer.Ordinal),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = expected.ClockSkew,
            LifetimeValidator = (_, expires, _, _) => CheckLifetime(expires),
            ValidateTokenReplay = false,
        };
        var validated = await Handler.ValidateTokenAsync(jwt, parameters);
        if (!validated.IsValid) return Refused(validated.Exception);

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var claims = payload.RootElement.Clone();
        return CheckClaims(claims, alg, expected) ?? IdTokenValidation.Success(claims);
    }

    /// <summary>exp is required; exp and nbf are compared with <see cref="TimeProvider"/>'s now on the claims themselves (NumericDates
    /// with fractions, <see cref="CheckClaims"/>), since the handler reads them as whole seconds.</summary>
    private static bool CheckLifetime(DateTime? expires) => expires is not null ? true : throw new SecurityTokenNoExpirationException("no exp");

    /// <summary>Keys of the issuer's JWKS that may verify <paramref name="alg"/>: the key type fits, RSA of 2048 to 8192 bits, EC on
    /// P-256, not an encryption key, its own <c>alg</c> (when given) is the token's. With a kid: the keys with that kid; without: the
    /// only fitting key, or none when there are several.</summary>
    private static List<SecurityKey> FittingKeys(OpenIdConnectConfiguration configuration, string? kid, string alg, bool kidPresent)
    {
        var fitting = (configuration.JsonWebKeySet?.Keys ?? []).Where(k => Fits(k, alg)).ToList();
        if (kid is null) return kidPresent || fitting.Count != 1 ? [] : [fitting[0]];
        return fitting.Where(k => string.Equals(k.Kid, kid, StringComparison.Ordinal)).Cast<SecurityKey>().ToList();
    }

    private static bool Fits(JsonWebKey key, string alg)
    {
        if (key.Use is { } use && use != JsonWebKeyUseNames.Sig) return false;
        if (key.KeyOps.Count > 0 && !key.KeyOps.Contains("verify")) return false;
        if (key.Alg is { Length: > 0 } keyAlg && keyAlg != alg) return false;
        return alg == SecurityAlgorithms.EcdsaSha256
            ? key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && key.Crv == JsonWebKeyECTypes.P256 && key.X is not null && key.Y is not null
            : key.Kty == JsonWebAlgorithmsKeyTypes.RSA && key.N is not null && key.E is not null && key.KeySize is >= 2048 and <= 8192;
    }

    private static IdTokenValidation Refused(Exception? e) => e switch
    {
        SecurityTokenInvalidAlgorithmException => IdTokenValidation.Fail(IdTokenFailure.AlgorithmNotAllowed, "the token's alg is not allowed"),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => IdTokenValidation.Fail(IdTokenFailure.BadSignature, "the signature does not verify"),
        SecurityTokenInvalidIssuerException => IdTokenValidation.Fail(IdTokenFailure.WrongIssuer, "iss is not the expected issuer"),
        SecurityTokenInvalidAudienceException => IdTokenValidation.Fail(IdTokenFailure.WrongAudience, "aud does not contain our client_id"),
        SecurityTokenExpiredException => IdTokenValidation.Fail(IdTokenFailure.Expired, "exp has passed (beyond the clock skew)"),
        SecurityTokenNotYetValidException => IdTokenValidation.Fail(IdTokenFailure.NotYetValid, "nbf is in the future (beyond the clock skew)"),
        SecurityTokenNoExpirationException => IdTokenValidation.Fail(IdTokenFailure.MissingClaim, "the token has no exp claim"),
        SecurityTokenInvalidLifetimeException => IdTokenValidation.Fail(IdTokenFailure.Malformed, "nbf is after exp"),
        _ => IdTokenValidation.Fail(IdTokenFailure.Malformed, $"the token was refused ({e?.GetType().Name ?? "no reason"})"),
    };

    // The first claim that fails, or null when all pass.
    private IdTokenValidation? CheckClaims(JsonElement claims, string alg, IdTokenExpectations expected)
    {
        if (!claims.TryGetProperty("sub", out var sub)) return Missing("sub");
        if (sub.ValueKind != JsonValueKind.String) return WrongType("sub");
        if (sub.GetString()!.Length == 0) return IdTokenValidation.Fail(IdTokenFailure.MissingClaim, "sub is empty");
        if (expected.Subject is { } subject && !sub.ValueEquals(subject))
        {
            return IdTokenValidation.Fail(IdTokenFailure.WrongSubject, "sub is not the account's subject");
        }
        if (CheckAudience(claims, expected.Audience) is { } audienceFailure) return audienceFailure;

        var nowSeconds = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var skewSeconds = expected.ClockSkew.TotalSeconds;
        if (!claims.TryGetProperty("exp", out var exp)) return Missing("exp");
        if (exp.ValueKind != JsonValueKind.Number || !exp.TryGetDouble(out var expiresAt) || !double.IsFinite(expiresAt)) return WrongType("exp");
        if (nowSeconds >= expiresAt + skewSeconds) return IdTokenValidation.Fail(IdTokenFailure.Expired, "exp has passed (beyond the clock skew)");
        if (claims.TryGetProperty("nbf", out var nbf))
        {
            if (nbf.ValueKind != JsonValueKind.Number || !nbf.TryGetDouble(out var notBefore) || !double.IsFinite(notBefore)) return WrongType("nbf");
            if (notBefore > nowSeconds + skewSeconds) return IdTokenValidation.Fail(IdTokenFailure.NotYetValid, "nbf is in the future (beyond the clock skew)");
        }
        if (!claims.TryGetProperty("iat", out var iat)) return Missing("iat");
        if (iat.ValueKind != JsonValueKind.Number || !iat.TryGetDouble(out var issuedAt) || !double.IsFinite(issuedAt)) return WrongType("iat");
        if (issuedAt > nowSeconds + skewSeconds) return IdTokenValidation.Fail(IdTokenFailure.NotYetValid, "iat is in the future (beyond the clock skew)");
        if (expected.MaxAge is { } maxAge && issuedAt < nowSeconds - maxAge.TotalSeconds - skewSeconds)
        {
            return IdTokenValidation.Fail(IdTokenFailure.Expired, "iat is older than the maximum token age");
        }

        if (expected.Nonce is not null)
        {
            if (!claims.TryGetProperty("nonce", out var nonce)) return IdTokenValidation.Fail(IdTokenFailure.NonceMismatch, "the token has no nonce but one was sent");
            if (nonce.ValueKind != JsonValueKind.String) return WrongType("nonce");
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce.GetString()!), Encoding.UTF8.GetBytes(expected.Nonce)))
            {
                return IdTokenValidation.Fail(IdTokenFailure.NonceMismatch, "nonce is not the one sent");
            }
        }

        if (expected.AccessToken is { } accessToken && claims.TryGetProperty("at_hash", out var atHash))
        {
            if (atHash.ValueKind != JsonValueKind.String) return WrongType("at_hash");
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(atHash.GetString()!), Encoding.ASCII.GetBytes(AccessTokenHash(accessToken, alg))))
            {
                return IdTokenValidation.Fail(IdTokenFailure.AccessTokenHashMismatch, "at_hash does not match the access token");
            }
        }
        return null;
    }

    /// <summary>OIDC Core §3.1.3.6: base64url of the left half of the hash of the access token's ASCII octets, with the hash of the
    /// token's alg (SHA-256 for RS256, PS256, ES256 and a declared HS256).</summary>
    internal static string AccessTokenHash(string accessToken, string alg)
    {
        if (!SupportedAlgorithms.Contains(alg, StringComparer.Ordinal) && alg != SecurityAlgorithms.HmacSha256) throw new ArgumentOutOfRangeException(nameof(alg));
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash[..(hash.Length / 2)]);
    }

    // aud is a string or a non-empty array of strings containing us; with several audiences azp must
    // be there, and whenever azp is there it must be us (OIDC Core §3.1.3.7 steps 3 to 5).
    private static IdTokenValidation? CheckAudience(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud)) return Missing("aud");
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
                    if (item.ValueKind != JsonValueKind.String) return WrongType("aud");
                    containsUs |= item.ValueEquals(audience);
                    count++;
                }
                break;
            default:
                return WrongType("aud");
        }
        if (!containsUs) return IdTokenValidation.Fail(IdTokenFailure.WrongAudience, "aud does not contain our client_id");
        if (!claims.TryGetProperty("azp", out var azp))
        {
            return count > 1 ? IdTokenValidation.Fail(IdTokenFailure.WrongAudience, "aud has several values and there is no azp") : null;
        }
        if (azp.ValueKind != JsonValueKind.String) return WrongType("azp");
        return azp.ValueEquals(audience) ? null : IdTokenValidation.Fail(IdTokenFailure.WrongAudience, "azp is not our client_id");
    }

    private static IdTokenValidation Missing(string claim) => IdTokenValidation.Fail(IdTokenFailure.MissingClaim, $"the token has no {claim} claim");

    private static IdTokenValidation WrongType(string claim) => IdTokenValidation.Fail(IdTokenFailure.Malformed, $"the {claim} claim has the wrong JSON type");
}
