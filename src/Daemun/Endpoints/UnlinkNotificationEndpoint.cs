using System.Globalization;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>POST /unlink-notification/{provider}</c>: the provider tells us a person disconnected the app on its side (Naver, naver.md §8).
/// A verified notification removes that account link and its tokens here (nothing is sent to the provider: the link is already gone there)
/// and answers 204. Every refusal is a JSON error; the signature, the encrypted id and the secret are never logged.</summary>
internal sealed class UnlinkNotificationEndpoint(
    ProviderRegistry providers,
    IUserStore store,
    UnlinkNotificationReplays replays,
    Respond respond,
    TimeProvider time,
    IOptions<DaemunOptions> options,
    IOptions<UnlinkNotificationOptions> notificationOptions,
    ILogger<UnlinkNotificationEndpoint> logger)
{
    /// <summary>The form Naver posts, values exactly as received.</summary>
    private sealed record Notification(string ClientId, string EncryptUniqueId, string Timestamp, string Signature);

    private TimeSpan MaxClockSkew => notificationOptions.Value.MaxClockSkew;

    public Task<IResult> HandleAsync(HttpContext context, string provider) => respond.JsonAsync("unlink notification", async () =>
    {
        var p = AcceptingProvider(provider);
        var notification = await ReadNotificationAsync(context);
        RequireOwnClientId(p, notification);
        var key = UnlinkNotificationCrypto.Key(p.ClientSecret!);
        RequireValidSignature(p, key, notification);
        var sentAt = RequireFreshTimestamp(p, notification);
        var replayKey = RequireFirstDelivery(p, notification, sentAt);
        try
        {
            var providerAccountId = DecryptAccountId(p, key, notification);
            await RemoveLinkAsync(p, providerAccountId, context.RequestAborted);
        }
        catch
        {
            replays.Forget(replayKey);
            throw;
        }
        return Results.NoContent();
    });

    /// <summary>Only providers that declare <see cref="ProviderOptions.AcceptsUnlinkNotifications"/>; any other id is unknown here. So is a provider
    /// whose secret is not a real configured one: emulated, or the emulator's published secret, which anyone can sign a notification with.</summary>
    private ProviderOptions AcceptingProvider(string provider)
    {
        if (providers.Find(provider) is not { AcceptsUnlinkNotifications: true, ClientSecret.Length: > 0 } p)
        {
            throw new DaemunException(ErrorCode.UnknownProvider, $"unlink notification for '{ProviderErrors.Safe(provider)}', which does not send them");
        }
        if (p.IsEmulated || IsEmulatorPublishedSecret(p.ClientSecret))
        {
            throw new DaemunException(ErrorCode.UnknownProvider,
                $"unlink notification for '{p.Id}' refused: its client secret is not a real configured one (the provider is emulated or uses the emulator's published secret)");
        }
        return p;
    }

    /// <summary>The emulator's clients have published secrets, <c>emulator-{provider}-secret</c>; a provider configured with one has no secret at all.</summary>
    internal static bool IsEmulatorPublishedSecret(string secret) =>
        secret.StartsWith("emulator-", StringComparison.Ordinal) && secret.EndsWith("-secret", StringComparison.Ordinal);

    private async Task<Notification> ReadNotificationAsync(HttpContext context)
    {
        var form = await RequestInput.FormAsync(context, options.Value.MaxParameterLength);
        return new(
            Required(form, "clientId", 256),
            Required(form, "encryptUniqueId", 1024),
            Required(form, "timestamp", 20),
            Required(form, "signature", 128));
    }

    private static string Required(IFormCollection form, string name, int maxLength) =>
        RequestInput.Value(form[name], name, maxLength) is { Length: > 0 } value
            ? value
            : throw new DaemunException(ErrorCode.InvalidRequest, $"unlink notification: '{name}' is missing");

    private static void RequireOwnClientId(ProviderOptions p, Notification n)
    {
        if (!string.Equals(n.ClientId, p.ClientId, StringComparison.Ordinal)) throw Refused(p, "the clientId is not this service's");
    }

    private static void RequireValidSignature(ProviderOptions p, byte[] key, Notification n)
    {
        if (!UnlinkNotificationCrypto.SignatureMatches(key, n.ClientId, n.EncryptUniqueId, n.Timestamp, n.Signature))
        {
            throw Refused(p, "the signature does not match");
        }
    }

    private DateTimeOffset RequireFreshTimestamp(ProviderOptions p, Notification n)
    {
        if (!long.TryParse(n.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw Refused(p, "the timestamp is not a number of seconds");
        }
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var skew = time.GetUtcNow() - sentAt;
        if (skew.Duration() > MaxClockSkew) throw Refused(p, skew > TimeSpan.Zero ? "the timestamp is too old" : "the timestamp is in the future");
        return sentAt;
    }

    /// <summary>The same (timestamp, signature) twice while fresh is a replay. Remembered until it would be stale anyway.</summary>
    private string RequireFirstDelivery(ProviderOptions p, Notification n, DateTimeOffset sentAt)
    {
        var replayKey = $"{p.Id}\n{n.Timestamp}\n{n.Signature}";
        if (!replays.TryRecord(replayKey, sentAt + MaxClockSkew, time.GetUtcNow())) throw Refused(p, "this notification was already received");
        return replayKey;
    }

    private static string DecryptAccountId(ProviderOptions p, byte[] key, Notification n) =>
        UnlinkNotificationCrypto.TryDecryptId(key, n.EncryptUniqueId, out var id) && id.Length <= 256
            ? id
            : throw Refused(p, "the encrypted id does not decrypt");

    /// <summary>Removes the link and its tokens. When it was the user's last account, the user (and their sessions) goes too: they left the
    /// service at the provider, and a user who can no longer sign in would otherwise keep their email from a fresh sign-up.</summary>
    private async Task RemoveLinkAsync(ProviderOptions p, string providerAccountId, CancellationToken ct)
    {
        if (await store.DeleteAccountByProviderIdAsync(p.Id, providerAccountId, ct) is not { } userId)
        {
            Log.UnlinkNotificationForUnknownAccount(logger, p.Id);
            return;
        }
        var userDeleted = await store.DeleteUserWithoutAccountsAsync(userId, ct);
        Log.UnlinkNotified(logger, p.Id, userId, userDeleted);
    }

    private static DaemunException Refused(ProviderOptions p, string detail) =>
        new(ErrorCode.InvalidNotification, $"unlink notification from {p.Id} refused: {detail}");
}

/// <summary>Maps the unlink notification receiver, checking its settings first.</summary>
internal static class UnlinkNotificationRoutes
{
    public static RouteHandlerBuilder MapUnlinkNotifications(this RouteGroupBuilder group)
    {
        ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<UnlinkNotificationOptions>>().Value.Validate();
        return group.MapPost("/unlink-notification/{provider}", (HttpContext c, string provider, UnlinkNotificationEndpoint e) => e.HandleAsync(c, provider))
            .DisableAntiforgery();
    }
}
