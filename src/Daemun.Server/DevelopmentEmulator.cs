using Daemun.Emulator;
using Daemun.Providers;

namespace Daemun.Server;

/// <summary>Serves every built-in provider that has no real credentials from the in-process provider emulator, so a newcomer can sign in
/// with no accounts and no internet. A provider with a <c>ClientId</c> in configuration talks to the real service. Only in the Development
/// environment, or with the explicit opt-in <c>Daemun:Emulator:Enabled=true</c>; elsewhere a built-in provider without credentials stops start-up.</summary>
internal sealed partial class DevelopmentEmulator : IAsyncDisposable
{
    private static readonly string[] HandWritten = [Naver.Id, Kakao.Id, Google.Id, GitHub.Id]; // the other built-ins: CatalogEmulation
    private static readonly string[] WithOidcMode = [Naver.Id, Kakao.Id]; // served under separate OIDC endpoints (ProviderEmulator.OidcEndpointsFor)
    private readonly ProviderEmulator _emulator;
    private readonly bool _owned;
    private readonly Dictionary<string, string> _typeById;

    private DevelopmentEmulator(ProviderEmulator emulator, bool owned, Dictionary<string, string> typeById) =>
        (_emulator, _owned, _typeById) = (emulator, owned, typeById);

    /// <summary>Whether the emulator may serve providers here: <c>Daemun:Emulator:Enabled</c> when set, else only in Development.</summary>
    public static bool IsAllowed(IHostEnvironment environment, IConfiguration config)
    {
        var setting = config["Daemun:Emulator:Enabled"];
        if (string.IsNullOrWhiteSpace(setting)) return environment.IsDevelopment();
        return bool.TryParse(setting, out var enabled)
            ? enabled
            : throw new DaemunConfigurationException("Daemun:Emulator:Enabled", $"must be true or false (got '{setting}').");
    }

    /// <summary>Without the emulator, an enabled built-in provider without a ClientId stops start-up, naming the key and the ways out.</summary>
    public static void RequireCredentials(IHostEnvironment environment, IConfiguration config)
    {
        if (WithoutCredentials(config).Keys.Order(StringComparer.Ordinal).FirstOrDefault() is not { } id) return;
        throw new DaemunConfigurationException($"Daemun:Providers:{id}:ClientId",
            $"is required. The provider emulator serves providers without credentials only in Development (this is '{environment.EnvironmentName}'): " +
            $"set Daemun:Providers:{id}:ClientId and ClientSecret to the app registered at the provider, or Daemun:Providers:{id}:Enabled=false; " +
            "to develop, run with ASPNETCORE_ENVIRONMENT=Development (dotnet run --project src/Daemun.Server does) or set Daemun:Emulator:Enabled=true.");
    }

    /// <summary>Starts the emulator when at least one enabled built-in provider lacks a ClientId; otherwise returns null.</summary>
    public static async Task<DevelopmentEmulator?> StartIfNeededAsync(IConfiguration config)
    {
        var typeById = WithoutCredentials(config);
        if (typeById.Count == 0) return null;
        var port = int.TryParse(config["Daemun:Emulator:Port"], out var p) ? p : 0;
        return new(await ProviderEmulator.StartAsync(new EmulatorOptions { Port = port }), owned: true, typeById);
    }

    /// <summary>Uses an emulator someone else started and disposes (tests).</summary>
    public static DevelopmentEmulator Wrap(ProviderEmulator emulator, IConfiguration config) => new(emulator, owned: false, WithoutCredentials(config));

    private static Dictionary<string, string> WithoutCredentials(IConfiguration config) =>
        config.GetSection("Daemun:Providers").GetChildren()
            .Where(c => string.IsNullOrEmpty(c["ClientId"]) && !string.Equals(c["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            .Select(c => (Id: c.Key, Type: (c["Type"] ?? c.Key).ToLowerInvariant()))
            .Where(x => HandWritten.Contains(x.Type) || OAuth1Emulators.Ids.Contains(x.Type) || CatalogEmulation.CanServe(x.Type))
            .ToDictionary(x => x.Id, x => x.Type, StringComparer.Ordinal);

    /// <summary>Points a provider without credentials at the emulator (endpoints and the emulator's registered app).</summary>
    public void Apply(ProviderOptions p)
    {
        if (!string.IsNullOrEmpty(p.ClientId) || !_typeById.TryGetValue(p.Id, out var type)) return;
        if (p.Kind == ProviderKind.OAuth1)
        {
            ApplyOAuth1(p, type);
            return;
        }
        if (!HandWritten.Contains(type))
        {
            CatalogEmulation.Apply(_emulator, p, type);
            return;
        }
        var oidc = p.Kind == ProviderKind.Oidc;
        var endpoints = oidc && WithOidcMode.Contains(type) ? _emulator.OidcEndpointsFor(type) : _emulator.EndpointsFor(type);
        var client = _emulator.Client(type);
        p.ClientId = client.ClientId;
        p.ClientSecret = client.ClientSecret;
        p.IsEmulated = true;
        p.UnlinkEndpoint = Mirrored(type, p.UnlinkEndpoint);
        p.LogoutEndpoint = Mirrored(type, p.LogoutEndpoint);
        p.BrowserLogoutEndpoint = Mirrored(type, p.BrowserLogoutEndpoint);
        if (p.GrantedItems is { } granted) p.GrantedItems = granted with { Endpoint = Mirrored(type, granted.Endpoint)! };
        if (oidc)
        {
            p.Issuer = endpoints.Issuer;
            (p.AuthorizationEndpoint, p.TokenEndpoint, p.JwksUri) = (null, null, null); // found by discovery
            p.UserInfoEndpoint = Mirrored(type, p.UserInfoEndpoint); // a declared profile API (Naver /v1/nid/me, Kakao /v2/user/me); else discovery
            if (p.RevocationEndpoint is not null) p.RevocationEndpoint = endpoints.RevocationEndpoint ?? Mirrored(type, p.RevocationEndpoint);
            return;
        }
        p.AuthorizationEndpoint = endpoints.AuthorizationEndpoint;
        p.TokenEndpoint = endpoints.TokenEndpoint;
        p.UserInfoEndpoint = endpoints.UserInfoEndpoint;
        p.RevocationEndpoint = endpoints.RevocationEndpoint ?? Mirrored(type, p.RevocationEndpoint);
        if (p.EmailFallback is { } fallback && endpoints.EmailsEndpoint is { } emails) p.EmailFallback = fallback with { Endpoint = emails };
    }

    /// <summary>An OAuth 1.0a built-in (Flickr, Trello, Hatena, …): the emulator's four endpoints for it and its registered consumer.</summary>
    private void ApplyOAuth1(ProviderOptions p, string type)
    {
        var endpoints = _emulator.OAuth1.EndpointsFor(type);
        var client = _emulator.OAuth1.Client(type);
        (p.ClientId, p.ClientSecret, p.IsEmulated) = (client.ClientId, client.ClientSecret, true);
        (p.RequestTokenEndpoint, p.AuthorizationEndpoint) = (endpoints.RequestTokenEndpoint, endpoints.AuthorizationEndpoint);
        (p.AccessTokenEndpoint, p.UserInfoEndpoint) = (endpoints.AccessTokenEndpoint, endpoints.UserInfoEndpoint);
    }

    /// <summary>The emulator serves each provider's real paths under <c>/{provider}</c>: https://kapi.kakao.com/v1/user/unlink → {emulator}/kakao/v1/user/unlink.</summary>
    private string? Mirrored(string type, string? realUrl) =>
        Uri.TryCreate(realUrl, UriKind.Absolute, out var real) ? $"{_emulator.BaseAddress}/{type}{real.PathAndQuery}" : null;

    /// <summary>Says in the log which providers are emulated, and where; and, outside Development, that the emulator was turned on by hand.</summary>
    public void Announce(ILogger logger, IHostEnvironment environment)
    {
        if (_typeById.Count > 0 && !environment.IsDevelopment()) EnabledOutsideDevelopment(logger, environment.EnvironmentName);
        foreach (var id in _typeById.Keys) ProviderEmulated(logger, id, _emulator.BaseUrl.ToString());
    }

    public ValueTask DisposeAsync() => _owned ? _emulator.DisposeAsync() : ValueTask.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "Provider {Provider} is served by the local emulator at {Address}: no real ClientId is configured (set Daemun:Providers:{Provider}:ClientId to use the real service)")]
    private static partial void ProviderEmulated(ILogger logger, string provider, string address);

    [LoggerMessage(302, LogLevel.Warning, "The provider emulator is on outside Development (environment {Environment}, Daemun:Emulator:Enabled=true): anyone who can reach it can sign in here as a test person. Never in production")]
    private static partial void EnabledOutsideDevelopment(ILogger logger, string environment);
}
