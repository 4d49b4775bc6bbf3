using Daemun.Emulator;
using Daemun.Providers;
using Daemun.Server;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Daemun.Tests.Unit;

/// <summary>The emulator's rewriting reads the settings table (<see cref="ProviderSettings.All"/>, <see cref="EmulatorRole"/>): a provider served
/// by the development emulator keeps no URL at the real service and signs in with the emulator's app — for every built-in, whatever setting
/// the table gains.</summary>
public sealed class EmulatorRewritingTests
{
    /// <summary>URL settings the emulator may keep as declared, each with the reason. Empty: every URL names something at the provider.</summary>
    private static readonly Dictionary<string, string> KeptUrls = new(StringComparer.Ordinal);

    [Fact]
    public void EveryUrlSettingIsRewrittenByTheEmulatorAndEveryCredentialIsTheEmulators()
    {
        var urls = ProviderSettings.All.Where(s => s.Kind == SettingKind.Url).ToList();

        Assert.NotEmpty(urls);
        Assert.All(urls, s => Assert.NotNull(s.Address));
        Assert.Empty(urls.Where(s => s.Emulator is not (EmulatorRole.Endpoint or EmulatorRole.Discovered) && !KeptUrls.ContainsKey(s.Key)).Select(s => $"{s.Key}: {s.Emulator}"));
        Assert.Equal(["ClientId", "ClientSecret"], ProviderSettings.All.Where(s => s.Emulator == EmulatorRole.Credential).Select(s => s.Key));
        Assert.All(ProviderSettings.All.Where(s => s.Emulator == EmulatorRole.Credential), s => Assert.NotNull(s.Credential));
        Assert.Empty(ProviderSettings.All.Where(s => s.Emulator is EmulatorRole.Endpoint or EmulatorRole.Discovered && s.Kind != SettingKind.Url).Select(s => s.Key));
    }

    [Fact]
    public async Task EveryBuiltInServedByTheDevelopmentEmulatorHasEveryUrlAtTheEmulatorOrNoneAndTheEmulatorsApp()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in ProviderCatalog.BuiltInIds)
        {
            types[type] = type;
            entries[$"Daemun:Providers:{type}:Type"] = type;
            foreach (var mode in ProviderCatalog.For(type)!.Modes.Keys) // every mode's declaration (Naver, Kakao: classic, oidc)
            {
                types[$"{type}-{mode}"] = type;
                entries[$"Daemun:Providers:{type}-{mode}:Type"] = type;
                entries[$"Daemun:Providers:{type}-{mode}:Mode"] = mode;
            }
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(entries).Build();
        var development = DevelopmentEmulator.Wrap(emulator, config);

        var registry = new ProviderRegistry([], config, [development.Apply]); // the real pipeline: declaration, configuration, emulator, validation

        var onEmulator = emulator.BaseAddress + "/";
        Assert.Equal(types.Keys.Order(StringComparer.Ordinal), registry.All.Select(p => p.Id).Order(StringComparer.Ordinal));
        var wrong = new List<string>();
        foreach (var p in registry.All)
        {
            if (!p.IsEmulated) wrong.Add($"{p.Id}: not emulated");
            foreach (var setting in ProviderSettings.All)
            {
                if (setting.Address is var (get, _) && get(p) is { } url && !url.StartsWith(onEmulator, StringComparison.Ordinal))
                {
                    wrong.Add($"{p.Id}: {setting.Key} = {url}");
                }
            }
            var type = types[p.Id];
            var app = p.Kind == ProviderKind.OAuth1 ? emulator.OAuth1.Client(type) : emulator.Client(type);
            if ((p.ClientId, p.ClientSecret) != (app.ClientId, app.ClientSecret)) wrong.Add($"{p.Id}: the app is not the emulator's ({p.ClientId})");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void ADeclaredUrlTheEmulatorNamesNoAddressForKeepsItsPathUnderTheEmulatorAndAnAbsentOneStaysAbsent()
    {
        var p = Discord.Defaults();
        p.LogoutEndpoint = "https://discord.com/api/v9/logout?all=1";
        p.BrowserLogoutEndpoint = "https://{Domain}/v2/logout";
        p.UnlinkEndpoint = null;
        var emulated = new EmulatedProvider("http://127.0.0.1:5999/discord/", new Dictionary<string, string?>
        {
            ["ClientId"] = "emulator-discord-client",
            ["ClientSecret"] = "emulator-discord-secret",
            ["AuthorizationEndpoint"] = "http://127.0.0.1:5999/discord/oauth2/authorize",
            ["RevocationEndpoint"] = null,
        });

        emulated.Apply(p);

        Assert.Equal("http://127.0.0.1:5999/discord/oauth2/authorize", p.AuthorizationEndpoint);
        Assert.Equal("http://127.0.0.1:5999/discord/api/oauth2/token", p.TokenEndpoint);
        Assert.Equal("http://127.0.0.1:5999/discord/api/oauth2/token/revoke", p.RevocationEndpoint);
        Assert.Equal("http://127.0.0.1:5999/discord/api/v9/logout?all=1", p.LogoutEndpoint);
        Assert.Equal("http://127.0.0.1:5999/discord/browser-logout", p.BrowserLogoutEndpoint);
        Assert.Null(p.UnlinkEndpoint);
        Assert.Equal(("emulator-discord-client", "emulator-discord-secret"), (p.ClientId, p.ClientSecret));
        Assert.True(p.IsEmulated);
    }

    [Fact]
    public void AnOpenIdConnectDeclarationsDiscoveredUrlsAreLeftToDiscovery()
    {
        var p = Discord.Defaults();
        p.Kind = ProviderKind.Oidc;
        p.Issuer = "https://discord.com";
        p.JwksUri = "https://discord.com/api/oauth2/keys";
        var emulated = new EmulatedProvider("http://127.0.0.1:5999/discord", new Dictionary<string, string?>
        {
            ["ClientId"] = "c",
            ["ClientSecret"] = "s",
            ["Issuer"] = "http://127.0.0.1:5999/discord",
        });

        emulated.Apply(p);

        Assert.Equal("http://127.0.0.1:5999/discord", p.Issuer);
        Assert.Equal((null, null, null), (p.AuthorizationEndpoint, p.TokenEndpoint, p.JwksUri));
        Assert.Equal("http://127.0.0.1:5999/discord/api/users/@me", p.UserInfoEndpoint);
    }

    [Fact]
    public void AnEmulatorValueForNoSettingIsRefusedAndAMissingCredentialStopsTheRewriting()
    {
        var misspelt = Assert.Throws<ArgumentException>(() => new EmulatedProvider("http://127.0.0.1:5999/discord", new Dictionary<string, string?> { ["LogoutUrl"] = "x" }));
        Assert.Contains("'LogoutUrl'", misspelt.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EmulatedProvider("http://127.0.0.1:5999/discord", new Dictionary<string, string?> { ["Scope"] = "x" }));

        var p = Discord.Defaults();
        var noSecret = new EmulatedProvider("http://127.0.0.1:5999/discord", new Dictionary<string, string?> { ["ClientId"] = "c" });
        Assert.Contains("ClientSecret", Assert.Throws<InvalidOperationException>(() => noSecret.Apply(p)).Message, StringComparison.Ordinal);
        Assert.False(p.IsEmulated);
    }
}
