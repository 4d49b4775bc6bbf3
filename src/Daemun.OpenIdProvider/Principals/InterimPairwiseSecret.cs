using System.Security.Cryptography;

namespace Daemun.OpenIdProvider.Principals;

/// <summary>Until the key ring lands: a per-process secret.</summary>
internal sealed class InterimPairwiseSecret : IPairwiseSecret
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public byte[] Get() => _secret;
}
