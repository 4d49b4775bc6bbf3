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

    /// <summary>Points a provider without credentials at the emulator: <see cref="EmulatedProvider.Apply"/> rewrites every setting the table
    /// (<see cref="ProviderSettings"/>) marks for it with the emulator's app and addresses for the provider.</summary>
    public void Apply(ProviderOptions p)
    {
        if (!string.IsNullOrEmpty(p.ClientId) || !_typeById.TryGetValue(p.Id, out var type)) return;
        Emulated(p, type).Apply(p);
    }

    /// <summary>What the emulator serves the provider with: an OAuth 1.0a emulator (Flickr, Trello, Hatena, …), the generic catalog emulator
    /// (<see cref="CatalogEmulation"/>), or a hand-written one (Naver, Kakao, Google, GitHub), which serves the provider's other APIs (unlink,
    /// logout, granted items) at their real paths under <c>/{provider}</c>.</summary>
    private EmulatedProvider Emulated(ProviderOptions p, string type)
    {
        var root = $"{_emulator.BaseAddress}/{type}";
        if (p.Kind == ProviderKind.OAuth1) return new(root, EmulatorValues.Of(_emulator.OAuth1.Client(type), _emulator.OAuth1.EndpointsFor(type)));
        if (!HandWritten.Contains(type)) return CatalogEmulation.Emulated(_emulator, p, type);
        if (p.Kind != ProviderKind.Oidc) return new(root, EmulatorValues.Of(_emulator.Client(type), _emulator.EndpointsFor(type)));
        var values = EmulatorValues.Of(_emulator.Client(type), WithOidcMode.Contains(type) ? _emulator.OidcEndpointsFor(type) : _emulator.EndpointsFor(type));
        values.Remove("UserInfoEndpoint"); // a declared profile API (Naver /v1/nid/me, Kakao /v2/user/me) at its real path; else discovery's
        return new(root, values);
    }

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
