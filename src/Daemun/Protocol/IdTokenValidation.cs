using System.Text.Json;

namespace Daemun.Protocol;

/// The outcome of validating an id_token. Claims is the verified claims set (default when failed);
/// Detail is a short reason safe to log: it never contains the token or any part of it.
internal sealed record IdTokenValidation(bool Succeeded, IdTokenFailure Failure, JsonElement Claims, string? Detail)
{
    public static IdTokenValidation Success(JsonElement claims) => new(true, IdTokenFailure.None, claims, null);

    public static IdTokenValidation Fail(IdTokenFailure failure, string detail) => new(false, failure, default, detail);
}
