using Microsoft.IdentityModel.Tokens;

namespace Daemun.RelyingParty;

/// <summary>Token lifetime checked against the app's clock (<see cref="RelyingPartyOptions.TimeProvider"/>), as IdentityModel's own
/// check does against the machine's: <c>exp</c> required, <c>nbf</c> and <c>exp</c> with the parameters' clock skew. IdentityModel offers
/// no public clock of its own; this delegate is how a test moves the app's time together with Daemun's.</summary>
internal static class ClockLifetimeValidator
{
    public static LifetimeValidator For(TimeProvider clock) => (notBefore, expires, token, parameters) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null) throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {nbf:O}.") { NotBefore = nbf };
        }
        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expires.Value:O}.") { Expires = expires.Value };
        }
        return true;
    };
}
