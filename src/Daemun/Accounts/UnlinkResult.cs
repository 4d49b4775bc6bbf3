namespace Daemun.Accounts;

/// <summary>The answer of an unlink or a user deletion.</summary>
/// <param name="Status">What happened.</param>
public sealed record UnlinkResult(UnlinkStatus Status)
{
    /// <summary>True when the link (or the user) is gone.</summary>
    public bool Succeeded => Status == UnlinkStatus.Unlinked;
}
