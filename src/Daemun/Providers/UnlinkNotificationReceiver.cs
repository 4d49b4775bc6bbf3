namespace Daemun.Providers;

/// <summary>Receives a provider's unlink notifications, posted to <c>/unlink-notification/{id}</c> when a person disconnects the app on the
/// provider's side: reads the request, verifies it and decodes which of the provider's accounts to unlink. The engine's endpoint finds the
/// provider, calls this and removes the links; it never names a provider. A provider that sends them declares its receiver
/// (<see cref="ProviderOptions.UnlinkNotifications"/>).</summary>
public abstract class UnlinkNotificationReceiver
{
    /// <summary>The provider's account ids (the ids its profile carries) whose links are to be removed. Throws
    /// <see cref="Errors.DaemunException"/>: <see cref="Errors.ErrorCode.InvalidRequest"/> for a request that cannot be read,
    /// <see cref="UnlinkNotificationContext.Refused"/> for every failed check (the same answer whatever failed).</summary>
    public abstract Task<IReadOnlyList<string>> ReceiveAsync(UnlinkNotificationContext context);
}
