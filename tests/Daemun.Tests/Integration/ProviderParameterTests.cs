using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Declarations whose URLs name a tenant or domain (<c>https://{Domain}/</c>, Auth0, Okta, Keycloak, …): the parameter comes from
/// <c>Daemun:Providers:{id}:{Name}</c>, is required while a URL names it, and can only be a bare name, never a different URL.</summary>
public sealed class ProviderParameterTests
{
    private const string Key = "Daemun:Providers:tenanted";

    [Fact]
    public void TheConfiguredValueIsWrittenIntoEveryUrlThatNamesIt()
    {
        var p = Registry(new() { [$"{Key}:Domain"] = "acme.eu.example.com" }).Find("tenanted")!;

        Assert.Equal("https://acme.eu.example.com/", p.Issuer);
        Assert.Equal("https://acme.eu.example.com/oauth/revoke", p.RevocationEndpoint);
        Assert.Equal("https://static.example.com/v2/userinfo", p.UserInfoEndpoint);
    }

    [Fact]
    public void AMissingValueStopsStartUpNamingTheKeyAndShowingAnExample()
    {
        var e = Assert.Throws<DaemunConfigurationException>(() => Registry([]));

        Assert.Equal($"{Key}:Domain", e.Key);
        Assert.Contains("The tenant's domain.", e.Message, StringComparison.Ordinal);
        Assert.Contains("acme.example.com", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDeclaredDefaultIsUsedWhenConfigurationGivesNone()
    {
        var p = Registry([], region: "eu-west-1").Find("tenanted")!;

        Assert.Equal("https://acme.example.com/", p.Issuer);
        Assert.Equal("https://static.example.com/eu-west-1/userinfo", p.UserInfoEndpoint);
    }

    [Theory]
    [InlineData("evil.example/steal?x=")] // a path and query would move every endpoint elsewhere
    [InlineData("evil.example#")]
    [InlineData("user@evil.example")]
    [InlineData("acme example")]
    [InlineData("acme.example.com/")]
    public void AValueThatIsNotABareNameIsRefused(string value)
    {
        var e = Assert.Throws<DaemunConfigurationException>(() => Registry(new() { [$"{Key}:Domain"] = value }));

        Assert.Equal($"{Key}:Domain", e.Key);
    }

    [Fact]
    public void AUrlConfiguredInFullNeedsNoParameter()
    {
        var p = Registry(new()
        {
            [$"{Key}:Issuer"] = "https://login.example.org/",
            [$"{Key}:RevocationEndpoint"] = "https://login.example.org/revoke",
        }).Find("tenanted")!;

        Assert.Equal("https://login.example.org/", p.Issuer);
    }

    [Fact]
    public void APlaceholderNoParameterFillsIsNamedAtStartUp()
    {
        var e = Assert.Throws<DaemunConfigurationException>(() => Registry(new()
        {
            [$"{Key}:Domain"] = "acme.example.com",
            [$"{Key}:TokenEndpoint"] = "https://{Tenant}.example.com/token",
        }));

        Assert.Equal($"{Key}:TokenEndpoint", e.Key);
        Assert.Contains("{Tenant}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABuiltInIsAddedInCodeByItsIdAndAnUnknownIdIsRefusedAtOnce()
    {
        var registry = AtTheProvider.Registry(new() { ["Daemun:Providers:discord:ClientId"] = "c", ["Daemun:Providers:discord:ClientSecret"] = "s" },
            daemun => daemun.AddProvider(Discord.Id));

        Assert.Equal("https://discord.com/api/users/@me", registry.Find("discord")!.UserInfoEndpoint);
        var e = Assert.Throws<ArgumentException>(() => AtTheProvider.Registry([], daemun => daemun.AddProvider("no-such-provider")));
        Assert.Contains("AddOidc", e.Message, StringComparison.Ordinal);
    }

    private static ProviderRegistry Registry(Dictionary<string, string?> settings, string? region = null)
    {
        settings[$"{Key}:ClientId"] = "client";
        settings[$"{Key}:ClientSecret"] = "secret";
        return AtTheProvider.Registry(settings, daemun => daemun.AddProvider("tenanted", () =>
        {
            var p = GenericOidc.Defaults();
            p.Issuer = "https://{Domain}/";
            p.RevocationEndpoint = "https://{Domain}/oauth/revoke";
            p.UserInfoEndpoint = "https://static.example.com/{Region}/userinfo";
            p.Parameters =
            [
                new("Domain", "The tenant's domain.", "acme.example.com", Default: region is null ? null : "acme.example.com"),
                new("Region", "The data region.", "eu-west-1", Default: region ?? "v2"),
            ];
            return p;
        }));
    }
}
