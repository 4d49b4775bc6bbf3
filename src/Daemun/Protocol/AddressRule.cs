namespace Daemun.Protocol;

/// <summary>Which addresses a provider call may connect to.</summary>
internal enum AddressRule
{
    /// <summary>A URL the operator configured (the issuer, an explicit endpoint): not restricted.</summary>
    Configured,
    /// <summary>A URL from a discovery document: public addresses only.</summary>
    Public,
    /// <summary>A URL from the discovery document of a loopback issuer: public or loopback addresses.</summary>
    PublicOrLoopback,
}
