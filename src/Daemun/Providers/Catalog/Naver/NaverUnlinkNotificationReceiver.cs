using System.Globalization;

namespace Daemun.Providers;

/// <summary>Naver's unlink notification (docs/providers/naver.md §8): a form of <c>clientId</c>, <c>encryptUniqueId</c>, <c>timestamp</c> and
/// <c>signature</c>. Checked in order: the client id is ours, the HMAC-SHA256 signature (under MD5 of the client secret) matches, the timestamp
/// is within the clock skew, the delivery is not a replay, and the id decrypts (AES-128-CBC under the same key). Every value is taken exactly
/// as received.</summary>
internal sealed class NaverUnlinkNotificationReceiver : UnlinkNotificationReceiver
{
    /// <summary>The form Naver posts, values exactly as received.</summary>
    private sealed record Notification(string ClientId, string EncryptUniqueId, string Timestamp, string Signature);

    public override async Task<IReadOnlyList<string>> ReceiveAsync(UnlinkNotificationContext context)
    {
        var form = await context.ReadFormAsync();
        var n = new Notification(
            UnlinkNotificationContext.Required(form, "clientId", 256),
            UnlinkNotificationContext.Required(form, "encryptUniqueId", 1024),
            UnlinkNotificationContext.Required(form, "timestamp", 20),
            UnlinkNotificationContext.Required(form, "signature", 128));
        var p = context.Provider;
        if (!string.Equals(n.ClientId, p.ClientId, StringComparison.Ordinal)) throw context.Refused("the clientId is not this service's");
        var key = NaverUnlinkNotificationCrypto.Key(p.ClientSecret!);
        if (!NaverUnlinkNotificationCrypto.SignatureMatches(key, n.ClientId, n.EncryptUniqueId, n.Timestamp, n.Signature))
        {
            throw context.Refused("the signature does not match");
        }
        var sentAt = FreshTimestamp(context, n);
        context.RequireFirstDelivery($"{n.Timestamp}\n{n.Signature}", sentAt);
        return NaverUnlinkNotificationCrypto.TryDecryptId(key, n.EncryptUniqueId, out var id) && id.Length <= 256
            ? [id]
            : throw context.Refused("the encrypted id does not decrypt");
    }

    private static DateTimeOffset FreshTimestamp(UnlinkNotificationContext context, Notification n)
    {
        if (!long.TryParse(n.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw context.Refused("the timestamp is not a number of seconds");
        }
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var skew = context.Now - sentAt;
        if (skew.Duration() > context.MaxClockSkew) throw context.Refused(skew > TimeSpan.Zero ? "the timestamp is too old" : "the timestamp is in the future");
        return sentAt;
    }
}
