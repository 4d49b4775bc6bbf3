namespace Daemun.Storage;

/// <summary>Started sign-ins kept server-side until their callback (table <c>sign_in_requests</c>), so that any instance completes them; also
/// the pending sign-ins of the account-choice page. Only with a database: without one this role is not registered, the sign-in lives in the
/// encrypted state cookie and nothing is ever held for a choice.</summary>
public interface ISignInRequestStore
{
    /// <summary>Keeps a started sign-in until its callback, and deletes a bounded number of expired ones (and of expired used-state marks).</summary>
    Task SaveSignInRequestAsync(SignInRequestRecord request, DateTimeOffset now, CancellationToken ct);

    /// <summary>Takes the started sign-in with this state hash when <paramref name="browserHash"/> started it: deleted and marked used in one
    /// atomic step, so that of concurrent callbacks exactly one gets it. Otherwise says why not (expired, another browser's, replayed, unknown).</summary>
    Task<SignInRequestTake> TakeSignInRequestAsync(string stateHash, string browserHash, DateTimeOffset now, CancellationToken ct);
}
