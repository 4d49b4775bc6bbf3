namespace Daemun.OpenIdProvider.Principals;

/// <summary>The server's secret for pairwise subjects: the same on every instance and for the life of the store (changing it changes every
/// pairwise <c>sub</c>).</summary>
internal interface IPairwiseSecret
{
    /// <summary>The secret (32 bytes or more).</summary>
    byte[] Get();
}
