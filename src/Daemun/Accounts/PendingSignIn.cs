using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Sessions;

namespace Daemun.Accounts;

/// <summary>A completed provider sign-in of an account nobody has linked yet, made while someone was signed in without the intent to link:
/// nothing is written for it until the person answers the choice page. <paramref name="SignedInUserId"/> is who was signed in then; only
/// that user's session can answer "link".</summary>
internal sealed record PendingSignIn(
    string Provider,
    NormalizedProfile Profile,
    TokenSet Tokens,
    Authentication Authentication,
    string CallbackUrl,
    string SignedInUserId,
    DateTimeOffset IssuedAt);
