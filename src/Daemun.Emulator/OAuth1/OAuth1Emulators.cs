using Daemun.Emulator.Catalog;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>The emulator's OAuth 1.0a providers: one for every recorded shape whose token answer holds <c>oauth_token_secret</c>
/// (<see cref="ResponseShapes"/>), served under <c>/{id}/oauth1/…</c> (<see cref="OAuth1Endpoints"/>).</summary>
public sealed class OAuth1Emulators
{
    private readonly Dictionary<string, OAuth1Emulator> _providers;

    internal OAuth1Emulators(EmulatorContext context) =>
        _providers = Ids.ToDictionary(id => id, id => new OAuth1Emulator(context, this, ResponseShapes.Find(id)!), StringComparer.Ordinal);

    /// <summary>The ids of the recorded shapes that are OAuth 1.0a (their token answer has <c>oauth_token_secret</c>).</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. ResponseShapes.Ids.Where(id => ResponseShapes.Find(id)?.Token.ContainsKey("oauth_token_secret") == true)];

    /// <summary>Whether the temporary-credential answer carries <c>oauth_callback_confirmed=true</c> (RFC 5849 §2.1); false imitates a
    /// provider of the original OAuth 1.0, which a client must refuse.</summary>
    public bool ConfirmsCallback { get; set; } = true;

    /// <summary>The provider's endpoint URLs.</summary>
    public OAuth1Endpoints EndpointsFor(string id) => Provider(id).Endpoints;

    /// <summary>The consumer (client) registered at the provider.</summary>
    public EmulatorClient Client(string id) => Provider(id).Client;

    /// <summary>The secret the provider issued with temporary credentials <paramref name="oauthToken"/> (for tests that look for it where it must
    /// never appear); null when it issued none such.</summary>
    public string? TemporarySecretOf(string id, string oauthToken) => Provider(id).TemporarySecretOf(oauthToken);

    internal void Map(IEndpointRouteBuilder routes)
    {
        foreach (var provider in _providers.Values) provider.Map(routes);
    }

    private OAuth1Emulator Provider(string id) => _providers.TryGetValue(id, out var p) ? p
        : throw new ArgumentException($"Unknown OAuth 1.0a provider '{id}'. Known: {string.Join(", ", _providers.Keys)}.", nameof(id));
}
