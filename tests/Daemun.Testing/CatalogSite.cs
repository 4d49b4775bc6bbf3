using Daemun.Emulator;
using Daemun.Emulator.Catalog;
using Daemun.Providers;

namespace Daemun.Tests.Infrastructure;

/// <summary>One server for the catalog tests with every built-in provider the emulator can serve enabled and none given credentials, so
/// each is served by the emulator (the four with a hand-written emulator by theirs, the others by the generic catalog provider from their
/// recorded response shape). Tests of one class run one after another; each removes the users it made (<see cref="ForgetProvider"/>).</summary>
public sealed class CatalogSite : IAsyncLifetime
{
    public TestSite Site { get; private set; } = null!;

    /// <summary>The built-ins enabled here: those with a hand-written emulator or a recorded shape.</summary>
    public static IReadOnlyList<string> Served { get; } = [.. ProviderCatalog.BuiltInIds.Where(CanServe)];

    /// <summary>Whether the emulator has a hand-written emulator for <paramref name="id"/> (its own test people, not the recorded one).</summary>
    public static bool HandWritten(string id) => ProviderEmulator.ProviderIds.Contains(id);

    public async Task InitializeAsync()
    {
        var settings = Served.ToDictionary(id => $"Daemun:Providers:{id}:Enabled", _ => (string?)"true");
        settings["Daemun:ProviderTimeout"] = "00:00:30"; // each OIDC provider makes its RSA key on first use: slow on a busy machine
        Site = await TestSite.StartAsync(settings);
    }

    /// <summary>Removes the users (with their accounts and sessions) that have an account of <paramref name="provider"/>: the recorded people of
    /// different providers may share an address, and one person's address belongs to one user.</summary>
    public void ForgetProvider(string provider)
    {
        const string Users = "SELECT user_id FROM accounts WHERE provider = '{0}'";
        var users = string.Format(System.Globalization.CultureInfo.InvariantCulture, Users, provider.Replace("'", "''", StringComparison.Ordinal));
        Site.Execute($"DELETE FROM sessions WHERE user_id IN ({users})");
        Site.Execute($"DELETE FROM users WHERE id IN ({users})");
        Site.Execute($"DELETE FROM accounts WHERE user_id NOT IN (SELECT id FROM users)");
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();

    private static bool CanServe(string id) => HandWritten(id) || ResponseShapes.Find(id) is not null;
}
