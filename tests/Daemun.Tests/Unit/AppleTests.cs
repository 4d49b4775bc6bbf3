using System.Security.Cryptography;
using System.Text.Json;
using Daemun.Protocol;
using Daemun.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.Tests.Unit;

/// <summary>What is Apple's own: the client secret is an ES256 JWT made from the .p8 key (TeamId, KeyId, PrivateKey), kept and made anew
/// before it expires; the name comes once, in the <c>user</c> form field, and only the name is taken from it.</summary>
public sealed class AppleTests : IDisposable
{
    private const string TeamId = "A1B2C3D4E5", KeyId = "ABC123DEFG", ServicesId = "com.example.web";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _key.Dispose();

    private ProviderOptions Apple()
    {
        var p = Providers.Apple.Defaults();
        p.ClientId = ServicesId;
        return p;
    }

    private Dictionary<string, string?> Settings(string? privateKey = null) => new()
    {
        ["Daemun:Providers:apple:TeamId"] = TeamId,
        ["Daemun:Providers:apple:KeyId"] = KeyId,
        ["Daemun:Providers:apple:PrivateKey"] = privateKey ?? _key.ExportPkcs8PrivateKeyPem(),
    };

    /// <summary>The secrets as the engine makes them, with <paramref name="settings"/> read into the declaration as configuration would.</summary>
    private SecretsWithSettings Secrets(Dictionary<string, string?> settings) => new(new ClientSecrets(_time), settings);

    private sealed class SecretsWithSettings(ClientSecrets secrets, Dictionary<string, string?> settings)
    {
        public string? For(ProviderOptions p)
        {
            foreach (var (key, value) in settings)
            {
                if (value is not null) p.ParameterValues[key[(key.LastIndexOf(':') + 1)..]] = value;
            }
            return secrets.For(p);
        }
    }

    [Fact]
    public async Task TheClientSecretIsAnEs256JwtSignedWithTheP8Key()
    {
        var secret = Secrets(Settings()).For(Apple())!;

        var jwt = new JsonWebToken(secret);
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(KeyId, jwt.Kid);
        Assert.Equal(TeamId, jwt.Issuer);
        Assert.Equal(ServicesId, jwt.Subject);
        Assert.Equal(["https://appleid.apple.com"], jwt.Audiences);
        var iat = jwt.GetPayloadValue<long>("iat");
        var exp = jwt.GetPayloadValue<long>("exp");
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), iat);
        Assert.InRange(exp - iat, 1, 15_777_000); // Apple: at most six months
        var verified = await new JsonWebTokenHandler().ValidateTokenAsync(secret, new TokenValidationParameters
        {
            IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(_key.ExportParameters(false))),
            ValidIssuer = TeamId, ValidAudience = "https://appleid.apple.com", ValidateLifetime = false,
        });
        Assert.True(verified.IsValid, verified.Exception?.Message);
    }

    [Fact]
    public void TheSecretIsKeptThenMadeAnewBeforeItExpires()
    {
        var secrets = Secrets(Settings());
        var apple = Apple();
        var first = secrets.For(apple);

        _time.Advance(AppleClientSecret.Lifetime - AppleClientSecret.RenewBefore - TimeSpan.FromMinutes(1));
        var kept = secrets.For(apple);
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = secrets.For(apple)!;

        Assert.Equal(first, kept);
        Assert.NotEqual(first, renewed);
        Assert.True(new JsonWebToken(renewed).ValidTo > _time.GetUtcNow().UtcDateTime + AppleClientSecret.RenewBefore);
    }

    [Fact]
    public void AnotherKeyMakesAnotherSecretAtOnce()
    {
        var apple = Apple();
        var first = Secrets(Settings()).For(apple);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var settings = Settings(other.ExportPkcs8PrivateKeyPem());
        var source = apple.ClientSecretSource!;

        var before = source.GetSecret(apple, n => Settings()[$"Daemun:Providers:apple:{n}"], _time);
        var after = source.GetSecret(apple, n => settings[$"Daemun:Providers:apple:{n}"], _time);

        Assert.NotEqual(before, after);
        Assert.NotEqual(first, after);
    }

    [Fact]
    public void AConfiguredClientSecretIsSentAsItIs()
    {
        var apple = Apple();
        apple.ClientSecret = "a-hand-made-jwt";

        Assert.Equal("a-hand-made-jwt", Secrets([]).For(apple));
    }

    [Theory]
    [InlineData("TeamId")]
    [InlineData("KeyId")]
    [InlineData("PrivateKey")]
    public void AMissingSettingNamesItsKey(string name)
    {
        var settings = Settings();
        settings[$"Daemun:Providers:apple:{name}"] = null;

        var e = Assert.Throws<DaemunConfigurationException>(() => Secrets(settings).For(Apple()));

        Assert.Equal($"Daemun:Providers:apple:{name}", e.Key);
    }

    [Fact]
    public void AnUnusableKeyNamesTheSettingButNeverShowsTheKey()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var notPem = "MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg-secret-material";
        foreach (var key in new[] { notPem, p384.ExportPkcs8PrivateKeyPem() })
        {
            var e = Assert.Throws<DaemunConfigurationException>(() => Secrets(Settings(key)).For(Apple()));
            Assert.Equal("Daemun:Providers:apple:PrivateKey", e.Key);
            Assert.DoesNotContain("secret-material", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void APemWrittenOnOneLineWithEscapedNewlinesIsRead()
    {
        var oneLine = _key.ExportPkcs8PrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal);

        Assert.NotNull(Secrets(Settings(oneLine)).For(Apple()));
    }

    [Fact]
    public void TheFirstSignInsUserFieldGivesTheName()
    {
        var claims = JsonSerializer.SerializeToElement(new { sub = "001234.abc.1234", email = "8kq2xm4v7p@privaterelay.appleid.com", email_verified = "true" });
        var user = """{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"someone.else@example.com"}""";
        var apple = Apple();

        var joined = apple.AuthorizationResponseProfile!.Combine(claims, new Dictionary<string, string> { ["user"] = user });
        var fields = apple.MapProfile(joined);

        Assert.Equal("Jane Appleseed", fields.Name);
        Assert.Equal("001234.abc.1234", fields.Id);
        Assert.Equal("8kq2xm4v7p@privaterelay.appleid.com", fields.Email); // the unsigned field's email is never taken
        Assert.True(fields.EmailVerified);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"email":"jane@example.com"}""")]
    [InlineData("""{"name":"Jane"}""")]
    [InlineData("""{"name":{"firstName":" ","lastName":""}}""")]
    public void AUserFieldWithoutANameLeavesTheProfileAsItIs(string user)
    {
        var claims = JsonSerializer.SerializeToElement(new { sub = "001234.abc.1234" });

        var joined = Apple().AuthorizationResponseProfile!.Combine(claims, new Dictionary<string, string> { ["user"] = user });

        Assert.Null(Apple().MapProfile(joined).Name);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void EmailVerifiedMayBeAStringOrABoolean(string value, bool verified)
    {
        var asString = JsonDocument.Parse($$"""{"sub":"s","email":"a@example.com","email_verified":"{{value}}"}""").RootElement;
        var asBoolean = JsonDocument.Parse($$"""{"sub":"s","email":"a@example.com","email_verified":{{value}}}""").RootElement;

        Assert.Equal(verified, Apple().MapProfile(asString).EmailVerified);
        Assert.Equal(verified, Apple().MapProfile(asBoolean).EmailVerified);
    }

    [Fact]
    public void TheAuthorizationRequestAsksForFormPost()
    {
        var apple = Apple();
        var endpoints = new ResolvedEndpoints("https://appleid.apple.com/auth/authorize", "https://appleid.apple.com/auth/token", null, null, "https://appleid.apple.com");

        var (url, state) = AuthorizationRequest.Create(apple, endpoints, "https://app.example/api/auth/callback/apple", "/", _time.GetUtcNow());

        Assert.Contains("response_mode=form_post", url, StringComparison.Ordinal);
        Assert.Contains("scope=name%20email", url, StringComparison.Ordinal);
        Assert.NotNull(state.Nonce);
    }
}
