using System.Text.Json;

namespace Daemun.Providers;

/// <summary>How the engine removes an account link at the provider when the person disconnects it or deletes their user, by the
/// declaration's <see cref="ProviderOptions.Unlink"/>: <see cref="UnlinkMethod.Revoke"/> revokes the access token per RFC 7009,
/// <see cref="UnlinkMethod.BearerPost"/> POSTs it as Bearer to <see cref="ProviderOptions.UnlinkEndpoint"/>. A provider whose unlink differs
/// (a fallback, its own answer) declares a subclass; the engine never names a provider.</summary>
public class UnlinkRequest
{
    /// <summary>RFC 7009 revocation, or a Bearer POST whose HTTP 200 confirms.</summary>
    public static UnlinkRequest Standard { get; } = new();

    /// <summary>Removes the link at the provider; throws as <see cref="ProviderCall"/> does when the provider did not confirm.</summary>
    public virtual Task UnlinkAsync(ProviderCall call, CancellationToken ct) => call.Provider.Unlink switch
    {
        UnlinkMethod.Revoke => call.RevokeAsync(ct),
        UnlinkMethod.BearerPost => call.BearerPostAsync(call.Provider.UnlinkEndpoint!, "unlink", Confirms, ct),
        _ => Task.CompletedTask,
    };

    /// <summary>Whether the HTTP 200 answer of the unlink API (<see cref="UnlinkMethod.BearerPost"/>) confirms the unlink; by default any does.</summary>
    public virtual bool Confirms(JsonElement? answer) => true;
}
