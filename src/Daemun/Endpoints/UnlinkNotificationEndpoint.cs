using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>POST /unlink-notification/{provider}</c>: the provider tells us a person disconnected the app on its side. The provider's
/// <see cref="UnlinkNotificationReceiver"/> reads and verifies the request and names the accounts; a verified notification removes those
/// account links and their tokens here (nothing is sent to the provider: the link is already gone there) and answers 204. Every refusal is a JSON error; the signature, the encrypted id and the secret are never logged.</summary>
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
    public Task<IResult> HandleAsync(HttpContext context, string provider) => respond.JsonAsync("unlink notification", async () =>
    {
        var p = AcceptingProvider(provider);
        var notification = new UnlinkNotificationContext(context, p, time.GetUtcNow(), notificationOptions.Value.MaxClockSkew,
            options.Value.MaxParameterLength, replays);
        try
        {
            foreach (var providerAccountId in await p.UnlinkNotifications!.ReceiveAsync(notification))
            {
                await RemoveLinkAsync(p, providerAccountId, context.RequestAborted);
            }
        }
        catch
        {
            notification.ForgetDeliveries();
            throw;
        }
        return Results.NoContent();
    });

    /// <summary>Only providers that declare a receiver (<see cref="ProviderOptions.UnlinkNotifications"/>) and accept notifications
    /// (<see cref="ProviderOptions.AcceptsUnlinkNotifications"/>); any other id is unknown here. So is a provider whose secret is not a real
    /// configured one: emulated, or the emulator's published secret, which anyone can sign a notification with.</summary>
    private ProviderOptions AcceptingProvider(string provider)
    {
        if (providers.Find(provider) is not { AcceptsUnlinkNotifications: true, UnlinkNotifications: not null, ClientSecret.Length: > 0 } p)
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
}
