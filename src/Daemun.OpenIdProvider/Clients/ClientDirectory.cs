using System.Text.Json;
using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Clients;

/// <summary>Reads an app (OpenIddict application) with Daemun's properties. OpenIddict's application manager caches the lookups.</summary>
internal sealed class ClientDirectory(IOpenIddictApplicationManager applications)
{
    /// <summary>The app with this client id, or null.</summary>
    public async Task<OidcClient?> FindAsync(string? clientId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(clientId)) return null;
        var application = await applications.FindByClientIdAsync(clientId, ct);
        return application is null ? null : await DescribeAsync(application, ct);
    }

    /// <summary>The app behind an OpenIddict application entity.</summary>
    public async Task<OidcClient> DescribeAsync(object application, CancellationToken ct)
    {
        var properties = await applications.GetPropertiesAsync(application, ct);
        var clientId = await applications.GetClientIdAsync(application, ct) ?? "";
        return new OidcClient(
            await applications.GetIdAsync(application, ct) ?? "",
            clientId,
            await applications.GetDisplayNameAsync(application, ct) is { Length: > 0 } name ? name : clientId,
            Text(properties, ClientProperties.LogoUri),
            properties.TryGetValue(ClientProperties.FirstParty, out var first) && first.ValueKind == JsonValueKind.True,
            Text(properties, ClientProperties.PairwiseSector));
    }

    private static string? Text(System.Collections.Immutable.ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
