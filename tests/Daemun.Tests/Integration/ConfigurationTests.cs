using System.Net;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Providers;
using Daemun.Server;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daemun.Tests.Integration;

/// <summary>Configuration (§2): every provider field can be set from configuration keys and from code, and misconfiguration stops start-up naming the key.</summary>
public sealed class ConfigurationTests
{
    private const string Secret = "s3cr3t-never-in-messages";

    // ---- overriding provider fields ----

    [Fact]
    public void EveryProviderFieldCanBeSetFromConfiguration()
    {
        var registry = Registry(new()
        {
            ["Daemun:Providers:kakao:Name"] = "Kakao (test)",
            ["Daemun:Providers:kakao:ClientId"] = "kakao-client",
            ["Daemun:Providers:kakao:ClientSecret"] = Secret,
            ["Daemun:Providers:kakao:Issuer"] = "https://auth.example.com",
            ["Daemun:Providers:kakao:AuthorizationEndpoint"] = "https://auth.example.com/authorize",
            ["Daemun:Providers:kakao:TokenEndpoint"] = "https://auth.example.com/token",
            ["Daemun:Providers:kakao:UserInfoEndpoint"] = "https://api.example.com/me",
            ["Daemun:Providers:kakao:JwksUri"] = "https://auth.example.com/jwks",
            ["Daemun:Providers:kakao:Scope"] = "profile_nickname account_email",
            ["Daemun:Providers:kakao:ScopeSeparator"] = " ",
            ["Daemun:Providers:kakao:UsePkce"] = "false",
            ["Daemun:Providers:kakao:UseNonce"] = "true",
            ["Daemun:Providers:kakao:AllowEmailLinking"] = "true",
            ["Daemun:Providers:kakao:ClientAuthentication"] = "client_secret_basic",
            ["Daemun:Providers:kakao:AuthorizationParameters:prompt"] = "login",
            ["Daemun:Providers:kakao:Profile:Id"] = "data.uid",
            ["Daemun:Providers:kakao:Profile:Name"] = "data.display",
            ["Daemun:Providers:kakao:Profile:Email"] = "data.mail",
            ["Daemun:Providers:kakao:Profile:EmailVerified"] = "data.mail_ok",
            ["Daemun:Providers:kakao:Profile:Image"] = "data.avatar",
            ["Daemun:Providers:github:ClientId"] = "github-client",
            ["Daemun:Providers:github:ClientSecret"] = Secret,
            ["Daemun:Providers:github:EmailFallbackEndpoint"] = "https://api.example.com/user/emails",
        });

        var kakao = registry.Find("kakao")!;
        Assert.Equal("Kakao (test)", kakao.Name);
        Assert.Equal("kakao-client", kakao.ClientId);
        Assert.Equal(Secret, kakao.ClientSecret);
        Assert.Equal("https://auth.example.com", kakao.Issuer);
        Assert.Equal("https://auth.example.com/authorize", kakao.AuthorizationEndpoint);
        Assert.Equal("https://auth.example.com/token", kakao.TokenEndpoint);
        Assert.Equal("https://api.example.com/me", kakao.UserInfoEndpoint);
        Assert.Equal("https://auth.example.com/jwks", kakao.JwksUri);
        Assert.Equal(["profile_nickname", "account_email"], kakao.Scopes);
        Assert.Equal(" ", kakao.ScopeSeparator);
        Assert.False(kakao.UsePkce);
        Assert.True(kakao.UseNonce);
        Assert.True(kakao.AllowEmailLinking);
        Assert.Equal(ClientAuthentication.ClientSecretBasic, kakao.ClientAuthentication);
        Assert.Equal("login", kakao.AuthorizationParameters["prompt"]);
        using var profile = JsonDocument.Parse("""{"data":{"uid":42,"display":"Lee","mail":"lee@example.com","mail_ok":true,"avatar":"https://img.example.com/a.png"}}""");
        Assert.Equal(new ProfileFields("42", "Lee", "lee@example.com", true, "https://img.example.com/a.png"), kakao.MapProfile(profile.RootElement));
        Assert.Equal("https://api.example.com/user/emails", registry.Find("github")!.EmailFallback!.Endpoint);
    }

    [Fact]
    public void ScopeCanBeAJsonArrayInConfiguration()
    {
        // appsettings.json: "Scope": ["openid", "email"] arrives as Scope:0, Scope:1
        var registry = Registry(new()
        {
            ["Daemun:Providers:google:ClientId"] = "google-client",
            ["Daemun:Providers:google:ClientSecret"] = Secret,
            ["Daemun:Providers:google:Scope:0"] = "openid",
            ["Daemun:Providers:google:Scope:1"] = "email",
        });

        Assert.Equal(["openid", "email"], registry.Find("google")!.Scopes);
    }

    [Fact]
    public void ProviderDisabledInConfigurationIsNotRegistered()
    {
        var registry = Registry(new()
        {
            ["Daemun:Providers:naver:Enabled"] = "false",
            ["Daemun:Providers:google:ClientId"] = "google-client",
            ["Daemun:Providers:google:ClientSecret"] = Secret,
        });

        Assert.Null(registry.Find("naver"));
        Assert.Equal(["google"], registry.All.Select(p => p.Id));
    }

    [Fact]
    public void CodeConfigurationRunsAfterConfigurationAndWins()
    {
        var registry = Registry(new()
        {
            ["Daemun:Providers:naver:ClientId"] = "from-config",
            ["Daemun:Providers:naver:ClientSecret"] = Secret,
            ["Daemun:Providers:naver:Scope"] = "from-config",
            ["Daemun:Providers:naver:UsePkce"] = "false",
        }, daemun => daemun.AddNaver(p =>
        {
            p.Scopes = ["from-code"];
            p.UsePkce = true;
            p.AuthorizationEndpoint = "https://code.example.com/authorize";
            p.ClientAuthentication = ClientAuthentication.ClientSecretBasic;
        }));

        var naver = registry.Find("naver")!;
        Assert.Equal("from-config", naver.ClientId); // not touched by code
        Assert.Equal(["from-code"], naver.Scopes);
        Assert.True(naver.UsePkce);
        Assert.Equal("https://code.example.com/authorize", naver.AuthorizationEndpoint);
        Assert.Equal(ClientAuthentication.ClientSecretBasic, naver.ClientAuthentication);
    }

    [Fact]
    public void ProvidersCanBeDeclaredEntirelyInCode()
    {
        var registry = Registry([], daemun => daemun
            .AddOidc("corp", p =>
            {
                p.Name = "Corp SSO";
                p.Issuer = "https://sso.example.com";
                p.ClientId = "corp-client";
                p.ClientSecret = Secret;
            })
            .AddOAuth2("acme", p =>
            {
                p.ClientId = "acme-client";
                p.ClientSecret = Secret;
                p.AuthorizationEndpoint = "https://acme.example.com/authorize";
                p.TokenEndpoint = "https://acme.example.com/token";
                p.UserInfoEndpoint = "https://acme.example.com/me";
                p.MapProfile = GenericOAuth2.ByPaths(new ProfilePaths(Id: "user.id"));
            }));

        var corp = registry.Find("corp")!;
        Assert.Equal(ProviderKind.Oidc, corp.Kind);
        Assert.Equal("Corp SSO", corp.Name);
        Assert.Equal(ClientAuthentication.ClientSecretBasic, corp.ClientAuthentication); // generic OIDC default
        Assert.True(corp.UsePkce && corp.UseNonce);
        var acme = registry.Find("acme")!;
        Assert.Equal(ProviderKind.OAuth2, acme.Kind);
        Assert.Equal("acme", acme.Name); // no name: the id
        using var profile = JsonDocument.Parse("""{"user":{"id":7}}""");
        Assert.Equal("7", acme.MapProfile(profile.RootElement).Id);
    }

    [Fact]
    public void ProviderDeclaredInCodeIsValidatedLikeConfiguration()
    {
        var failure = Assert.Throws<DaemunConfigurationException>(() => Registry([], daemun => daemun.AddOAuth2("acme", p =>
        {
            p.ClientId = "acme-client";
            p.ClientSecret = Secret;
            p.AuthorizationEndpoint = "https://acme.example.com/authorize";
            p.TokenEndpoint = "https://acme.example.com/token";
        })));

        Assert.Equal("Daemun:Providers:acme:UserInfoEndpoint", failure.Key);
    }

    [Fact]
    public async Task ConfigurationOverridesReachTheProviderOnTheWire()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:kakao:Name"] = "Kakao Test",
            ["Daemun:Providers:kakao:ClientId"] = e.Client("kakao").ClientId,
            ["Daemun:Providers:kakao:ClientSecret"] = e.Client("kakao").ClientSecret,
            ["Daemun:Providers:kakao:AuthorizationEndpoint"] = e.EndpointsFor("kakao").AuthorizationEndpoint,
            ["Daemun:Providers:kakao:TokenEndpoint"] = e.EndpointsFor("kakao").TokenEndpoint,
            ["Daemun:Providers:kakao:UserInfoEndpoint"] = e.EndpointsFor("kakao").UserInfoEndpoint,
            ["Daemun:Providers:kakao:Scope"] = "profile_nickname account_email",
            ["Daemun:Providers:kakao:UsePkce"] = "false",
            ["Daemun:Providers:kakao:AuthorizationParameters:prompt"] = "login",
            ["Daemun:Providers:google:ClientId"] = e.Client("google").ClientId,
            ["Daemun:Providers:google:ClientSecret"] = e.Client("google").ClientSecret,
            ["Daemun:Providers:google:Issuer"] = e.EndpointsFor("google").Issuer,
            ["Daemun:Providers:google:ClientAuthentication"] = "client_secret_basic",
        });
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();

        var authorize = await browser.StartAsync("kakao");
        var query = QueryHelpers.ParseQuery(new Uri(authorize).Query);
        Assert.StartsWith(emulator.EndpointsFor("kakao").AuthorizationEndpoint + "?", authorize, StringComparison.Ordinal);
        Assert.Equal("profile_nickname,account_email", query["scope"].ToString()); // Kakao's comma separator kept
        Assert.False(query.ContainsKey("code_challenge"));
        Assert.Equal("login", query["prompt"].ToString());
        using (var callback = await browser.GetAsync(await browser.ConsentAsync(authorize, "kim")))
        {
            AssertSignedIn(site, callback);
        }
        var kakaoToken = Assert.Single(emulator.Requests, r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Token);
        Assert.False(kakaoToken.Form.ContainsKey("code_verifier"));
        Assert.Equal(emulator.Client("kakao").ClientSecret, kakaoToken.Form["client_secret"]);

        using var google = site.NewBrowser();
        using (var callback = await google.SignInAsync("google", "jane"))
        {
            AssertSignedIn(site, callback);
        }
        var googleToken = Assert.Single(emulator.Requests, r => r.Provider == "google" && r.Endpoint == EmulatorEndpoint.Token);
        Assert.StartsWith("Basic ", googleToken.Headers["Authorization"], StringComparison.Ordinal);
        Assert.False(googleToken.Form.ContainsKey("client_secret"));

        var providers = JsonDocument.Parse(await (await browser.GetAsync("/api/auth/providers")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Kakao Test", providers.GetProperty("kakao").GetProperty("name").GetString());
    }

    // ---- start-up failures name the key ----

    [Theory]
    [InlineData("Daemun:Providers:naver:ClientId=abc", "Daemun:Providers:naver:ClientSecret")]
    [InlineData("Daemun:Providers:x:Type=saml;Daemun:Providers:x:ClientId=abc;Daemun:Providers:x:ClientSecret=" + Secret, "Daemun:Providers:x:Type")]
    [InlineData("Daemun:Providers:myidp:ClientId=abc;Daemun:Providers:myidp:ClientSecret=" + Secret, "Daemun:Providers:myidp:Type")]
    [InlineData("Daemun:Providers:corp:Type=oidc;Daemun:Providers:corp:ClientId=abc;Daemun:Providers:corp:ClientSecret=" + Secret, "Daemun:Providers:corp:Issuer")]
    [InlineData("Daemun:Providers:corp:Type=oidc;Daemun:Providers:corp:ClientId=abc;Daemun:Providers:corp:ClientSecret=" + Secret
        + ";Daemun:Providers:corp:AuthorizationEndpoint=https://sso.example.com/authorize;Daemun:Providers:corp:TokenEndpoint=https://sso.example.com/token"
        + ";Daemun:Providers:corp:JwksUri=https://sso.example.com/jwks;Daemun:Providers:corp:UserInfoEndpoint=https://sso.example.com/userinfo", "Daemun:Providers:corp:Issuer")] // id_tokens cannot be checked without it
    [InlineData("Daemun:Providers:corp:Type=oidc;Daemun:Providers:corp:Issuer=http://sso.example.com;Daemun:Providers:corp:ClientId=abc;Daemun:Providers:corp:ClientSecret=" + Secret, "Daemun:Providers:corp:Issuer")]
    [InlineData("Daemun:Providers:acme:Type=oauth2;Daemun:Providers:acme:ClientId=abc;Daemun:Providers:acme:ClientSecret=" + Secret
        + ";Daemun:Providers:acme:AuthorizationEndpoint=http://auth.example.com/authorize;Daemun:Providers:acme:TokenEndpoint=https://auth.example.com/token"
        + ";Daemun:Providers:acme:UserInfoEndpoint=https://auth.example.com/me", "Daemun:Providers:acme:AuthorizationEndpoint")]
    [InlineData("Daemun:Providers:naver:ClientId=abc;Daemun:Providers:naver:ClientSecret=" + Secret + ";Daemun:Providers:naver:TokenEndpoint=http://nid.example.com/oauth2.0/token", "Daemun:Providers:naver:TokenEndpoint")]
    [InlineData("Daemun:Providers:github:ClientId=abc;Daemun:Providers:github:ClientSecret=" + Secret + ";Daemun:Providers:github:UserInfoEndpoint=not a url", "Daemun:Providers:github:UserInfoEndpoint")]
    [InlineData("Daemun:Providers:naver:UsePkce=yes", "Daemun:Providers:naver:UsePkce")]
    [InlineData("Daemun:Providers:google:AllowEmailLinking=1", "Daemun:Providers:google:AllowEmailLinking")]
    [InlineData("Daemun:Providers:naver:Enabled=maybe", "Daemun:Providers:naver:Enabled")]
    [InlineData("Daemun:Providers:kakao:ClientAuthentication=private_key_jwt", "Daemun:Providers:kakao:ClientAuthentication")]
    [InlineData("Daemun:Providers:kakao:ScopeSeparator=", "Daemun:Providers:kakao:ScopeSeparator")]
    [InlineData("Daemun:Providers:My_IdP:Type=oidc", "Daemun:Providers:My_IdP")]
    [InlineData("Daemun:BasePath=api/auth", "Daemun:BasePath")]
    [InlineData("Daemun:BasePath=/api/auth/", "Daemun:BasePath")]
    [InlineData("Daemun:BaseUrl=example.com", "Daemun:BaseUrl")]
    [InlineData("Daemun:Session:MaxAge=-1.00:00:00", "Daemun:Session:MaxAge")]
    [InlineData("Daemun:Store:Provider=mongodb", "Daemun:Store:Provider")]
    [InlineData("Daemun:Session:UpdateAge=-01:00:00", "Daemun:Session:UpdateAge")]
    [InlineData("Daemun:ProviderTimeout=00:00:00", "Daemun:ProviderTimeout")]
    [InlineData("Daemun:MaxProviderResponseBytes=0", "Daemun:MaxProviderResponseBytes")]
    [InlineData("Daemun:MaxParameterLength=-1", "Daemun:MaxParameterLength")]
    [InlineData("Daemun:Pages:SignIn=https://evil.example/login", "Daemun:Pages:SignIn")]
    [InlineData("Daemun:Pages:SignIn=//evil.example/login", "Daemun:Pages:SignIn")]
    [InlineData("Daemun:Pages:Error=/api/auth/signin", "Daemun:Pages:Error")]
    [InlineData("Daemun:Pages:Account=/account?tab=1", "Daemun:Pages:Account")]
    [InlineData("Daemun:Pages:NewUser=welcome", "Daemun:Pages:NewUser")]
    [InlineData("Daemun:LogoUrl=javascript:alert(1)", "Daemun:LogoUrl")]
    [InlineData("Daemun:NewUser:Ask:0=password", "Daemun:NewUser:Ask")]
    public async Task MisconfigurationStopsStartUpWithTheKeyInTheMessage(string settings, string key)
    {
        var failure = await StartUpFailureAsync(settings);

        var configuration = Assert.IsType<DaemunConfigurationException>(failure);
        Assert.Equal(key, configuration.Key);
        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Daemun:UseSecureCookies=sometimes", "Daemun:UseSecureCookies")]
    [InlineData("Daemun:Session:Strategy=Redis", "Daemun:Session:Strategy")]
    [InlineData("Daemun:Session:MaxAge=forever", "Daemun:Session:MaxAge")]
    public async Task UnparsableSettingStopsStartUpWithTheKeyInTheMessage(string settings, string key)
    {
        var failure = await StartUpFailureAsync(settings);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidConfigurationStartsAndServesTheConfiguredProviders()
    {
        // the control for the failures above: the same harness starts when nothing is wrong
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:naver:ClientId"] = "abc",
            ["Daemun:Providers:naver:ClientSecret"] = Secret,
        });

        using var browser = env.Site.NewBrowser();
        using var response = await browser.GetAsync("/api/auth/providers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"naver\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // ---- helpers ----

    /// <summary>The provider registry as the app builds it: public <c>AddDaemun()</c>, configuration keys, then code.</summary>
    private static ProviderRegistry Registry(Dictionary<string, string?> settings, Action<DaemunBuilder>? code = null) => AtTheProvider.Registry(settings, code);

    /// <summary>Builds the real server with <paramref name="settings"/> (<c>key=value;key=value</c>) and returns what stopped it.</summary>
    private static async Task<Exception> StartUpFailureAsync(string settings)
    {
        var directory = Directory.CreateTempSubdirectory("daemun-config-").FullName;
        var config = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Daemun:DataDirectory"] = directory,
            ["Daemun:Store:ConnectionString"] = $"Data Source={Path.Combine(directory, "daemun.db")}",
        };
        foreach (var pair in settings.Split(';'))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            config[pair[..at]] = pair[(at + 1)..];
        }
        await using var emulator = await ProviderEmulator.StartAsync();
        Exception? failure = null;
        try
        {
            var server = await ServerApp.CreateAsync(["--contentRoot", directory, "--environment", "Development"], builder =>
            {
                builder.Configuration.AddInMemoryCollection(config);
                builder.Logging.ClearProviders();
            }, emulator);
            await server.DisposeAsync();
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
        Assert.True(failure is not null, $"start-up succeeded with {settings}");
        return failure;
    }

    private static void AssertSignedIn(TestSite site, HttpResponseMessage callback) =>
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
}
