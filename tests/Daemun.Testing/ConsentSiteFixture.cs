namespace Daemun.Tests.Infrastructure;

/// <summary>One site for the consent tests, with a third-party app per test (consent is per person and app, so tests do not meet) and a
/// first-party one.</summary>
public sealed class ConsentSiteFixture : IAsyncLifetime
{
    /// <summary>The third-party apps' client ids.</summary>
    public static readonly string[] ThirdParty = ["remember", "broader", "deny", "forged", "listed", "revoke", "nocsrf", "others", "store", "store2"];

    /// <summary>A first-party app: no consent page.</summary>
    public const string FirstParty = "portal";

    /// <summary>The display name of the app <c>listed</c>: markup that must be shown as text.</summary>
    public const string MarkupName = "<b>Listed</b> & \"Co\"";

    public TestSite Site { get; private set; } = null!;

    public ThirdPartyApp App(string clientId) => new(Site, clientId);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var id in ThirdParty)
        {
            foreach (var (k, v) in ThirdPartyApp.Settings(id, displayName: id == "listed" ? MarkupName : null)) settings[k] = v;
        }
        foreach (var (k, v) in ThirdPartyApp.Settings(FirstParty, firstParty: true)) settings[k] = v;
        Site = await TestSite.StartAsync(settings);
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();
}
