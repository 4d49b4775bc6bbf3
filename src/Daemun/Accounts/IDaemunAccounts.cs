namespace Daemun.Accounts;

/// <summary>Linked accounts as a service for the app: disconnect a provider, delete a user — both unlink at the provider first.</summary>
public interface IDaemunAccounts
{
    /// <summary>Disconnects the user's account at <paramref name="provider"/>: revokes or unlinks it at the provider (refreshing an expired
    /// access token first, since an expired token cannot unlink), then removes the link and its tokens here.</summary>
    Task<UnlinkResult> UnlinkAsync(string userId, string provider, CancellationToken ct = default);

    /// <summary>Deletes the user: every linked account is unlinked at its provider first, then the user, accounts and sessions are removed
    /// together. When a provider cannot be reached nothing is deleted.</summary>
    Task<UnlinkResult> DeleteUserAsync(string userId, CancellationToken ct = default);
}
