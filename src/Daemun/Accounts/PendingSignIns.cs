using System.Security.Cryptography;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Security;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Accounts;

/// <summary>Holds a <see cref="PendingSignIn"/> server-side until the choice page is answered: a row of the shared <c>sign_in_requests</c>
/// table (encrypted whole with Data Protection; tokens never leave the server), keyed by the SHA-256 of a random value that only this browser
/// holds, in an HttpOnly cookie. Single use (taken atomically, then remembered as used) and expiring with the state lifetime. Only with a
/// database (<see cref="ISignInRequestStore"/>): without one there is no linking at all.</summary>
internal sealed class PendingSignIns(
    DaemunCookies cookies,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptions<DaemunOptions> options,
    ISignInRequestStore? requests = null)
{
    /// <summary>The cookie holding the pending sign-in's random key.</summary>
    public const string Cookie = "daemun.pending-sign-in";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Daemun.PendingSignIn.v1");

    /// <summary>False without a database, where sign-ins never link and nothing is ever held.</summary>
    public bool Available => requests is not null;

    /// <summary>Keeps <paramref name="pending"/> for this browser; a pending sign-in it had before is simply left to expire. Only when
    /// <see cref="Available"/>.</summary>
    public async Task SaveAsync(HttpContext context, PendingSignIn pending)
    {
        var store = requests ?? throw new InvalidOperationException("Pending sign-ins need a database: check Available first.");
        var key = RandomToken.New();
        var row = new SignInRequestRecord(RowKey(key), RandomToken.Hash(key), _protector.Protect(JsonSerializer.Serialize(pending)),
            pending.IssuedAt + options.Value.StateLifetime);
        await store.SaveSignInRequestAsync(row, time.GetUtcNow(), context.RequestAborted);
        cookies.Write(context, Cookie, key, options.Value.StateLifetime);
    }

    /// <summary>This browser's pending sign-in, taken so that it cannot be answered twice; otherwise <see cref="ErrorCode.StateMissing"/>,
    /// <see cref="ErrorCode.StateExpired"/>, <see cref="ErrorCode.StateReplayed"/> or <see cref="ErrorCode.StateInvalid"/>.</summary>
    public async Task<PendingSignIn> TakeAsync(HttpContext context)
    {
        var key = cookies.Read(context, Cookie);
        cookies.Delete(context, Cookie);
        // without a database nothing is ever held: a key can only be planted
        if (key is null || requests is null) throw new DaemunException(ErrorCode.StateMissing, "this browser has no sign-in waiting for an answer");
        var taken = await requests.TakeSignInRequestAsync(RowKey(key), RandomToken.Hash(key), time.GetUtcNow(), context.RequestAborted);
        return taken.Outcome switch
        {
            SignInRequestOutcome.Taken => Unprotect(taken.Material!) ?? throw new DaemunException(ErrorCode.StateInvalid, "the pending sign-in could not be decrypted"),
            SignInRequestOutcome.Expired => throw new DaemunException(ErrorCode.StateExpired, "the pending sign-in is older than the state lifetime"),
            SignInRequestOutcome.Replayed => throw new DaemunException(ErrorCode.StateReplayed, "the pending sign-in was already answered"),
            _ => throw new DaemunException(ErrorCode.StateInvalid, "no pending sign-in with this key"),
        };
    }

    /// <summary>Rows of pending sign-ins are keyed apart from sign-in states, so a value of one kind can never take a row of the other.</summary>
    private static string RowKey(string key) => RandomToken.Hash("pending-sign-in:" + key);

    private PendingSignIn? Unprotect(string material)
    {
        try
        {
            return JsonSerializer.Deserialize<PendingSignIn>(_protector.Unprotect(material));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
