using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>The one site of <see cref="ConformanceTests"/>: four apps (a confidential first-party <c>web</c>, a public <c>spa</c> that must use
/// PKCE, a <c>machine</c> client with an API scope, a third-party <c>partner</c> that needs consent) and every secret, code and token the
/// tests used, so that one test can check none of them reached a log line.</summary>
public sealed class ConformanceSite : IAsyncLifetime
{
    public const string WebRedirect = "http://127.0.0.1:5999/signin-oidc";
    public const string WebSignedOut = "http://127.0.0.1:5999/signed-out";
    public const string SpaRedirect = "http://127.0.0.1:5998/callback";
    public const string PartnerRedirect = "http://127.0.0.1:5997/cb";
    public const string WebSecret = "web-secret-0123456789-abcdef";
    public const string MachineSecret = "machine-secret-0123456789-abcdef";
    public const string PartnerSecret = "partner-secret-0123456789-abcdef";
    public const string ApiSecret = "orders-api-secret-0123456789-abcdef";
    public const string ApiScope = "orders.read";
    public const string ApiAudience = "orders-api";
    /// <summary>A person known only to the emulated Kakao in these tests (the seeded ones sign in through Naver with the same emails).</summary>
    public const string KakaoPerson = "kakao-only";

    /// <summary>Every secret, code and token the class's flows saw.</summary>
    public ConcurrentBag<string> Secrets { get; } = [WebSecret, MachineSecret, PartnerSecret, ApiSecret];

    public TestSite Site { get; private set; } = null!;
    public OidcTestClient Web { get; private set; } = null!;
    public OidcTestClient Spa { get; private set; } = null!;
    public OidcTestClient Machine { get; private set; } = null!;
    public OidcTestClient Partner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        const string c = "Daemun:OpenIdProvider:Clients:";
        Site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:OpenIdProvider:ApiScopes:orders.read:Audience"] = ApiAudience,
            ["Daemun:OpenIdProvider:ApiScopes:orders.write:Audience"] = ApiAudience,

            [c + "web:Type"] = "web",
            [c + "web:ClientSecret"] = WebSecret,
            [c + "web:RedirectUris:0"] = WebRedirect,
            [c + "web:PostLogoutRedirectUris:0"] = WebSignedOut,
            [c + "web:Scopes:0"] = "openid",
            [c + "web:Scopes:1"] = "profile",
            [c + "web:Scopes:2"] = "email",
            [c + "web:Scopes:3"] = "offline_access",
            [c + "web:Scopes:4"] = "providers",
            [c + "web:Scopes:5"] = ApiScope,
            [c + "web:FirstParty"] = "true",

            [c + "spa:Type"] = "spa",
            [c + "spa:RedirectUris:0"] = SpaRedirect,
            [c + "spa:Scopes:0"] = "openid",
            [c + "spa:Scopes:1"] = "profile",
            [c + "spa:Scopes:2"] = "offline_access",
            [c + "spa:FirstParty"] = "true",

            [c + "machine:Type"] = "machine",
            [c + "machine:ClientSecret"] = MachineSecret,
            [c + "machine:Scopes:0"] = ApiScope,

            // the API behind orders.read: it introspects the access tokens it receives
            [c + ApiAudience + ":Type"] = "machine",
            [c + ApiAudience + ":ClientSecret"] = ApiSecret,
            [c + ApiAudience + ":Scopes:0"] = ApiScope,

            [c + "partner:Type"] = "web",
            [c + "partner:ClientSecret"] = PartnerSecret,
            [c + "partner:RedirectUris:0"] = PartnerRedirect,
            [c + "partner:Scopes:0"] = "openid",
            [c + "partner:Scopes:1"] = "profile",
            [c + "partner:DisplayName"] = "Partner App",
        });
        Site.Emulator.People.Add(new Daemun.Emulator.TestPerson { Id = KakaoPerson, Name = "Kakao Only", Email = "kakao.only@example.com" });
        Web = new OidcTestClient(Site, "web", WebSecret, WebRedirect);
        Spa = new OidcTestClient(Site, "spa", null, SpaRedirect);
        Machine = new OidcTestClient(Site, "machine", MachineSecret, "http://127.0.0.1:5996/unused");
        Partner = new OidcTestClient(Site, "partner", PartnerSecret, PartnerRedirect);
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();

    /// <summary>Remembers the tokens of a token response (and returns it).</summary>
    public JsonElement Remember(JsonElement tokens)
    {
        foreach (var name in new[] { "access_token", "refresh_token", "id_token" })
        {
            if (tokens.ValueKind == JsonValueKind.Object && tokens.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text) Secrets.Add(text);
        }
        return tokens;
    }

    /// <summary>Remembers a code or token (and returns it).</summary>
    public string Remember(string secret)
    {
        Secrets.Add(secret);
        return secret;
    }

    /// <summary>POST to a client-authenticated endpoint (<c>/oidc/introspect</c>, <c>/oidc/revoke</c>) as <paramref name="client"/>.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string clientId, string? secret, IDictionary<string, string> form)
    {
        using var http = new HttpClient();
        var fields = new Dictionary<string, string>(form) { ["client_id"] = clientId };
        if (secret is not null) fields["client_secret"] = secret;
        using var response = await http.PostAsync(Site.BaseUrl + path, new FormUrlEncodedContent(fields));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }
}
