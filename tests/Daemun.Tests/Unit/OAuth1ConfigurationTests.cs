using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Unit;

/// <summary>A <c>Type=oauth1</c> provider (and an OAuth 1.0a built-in) is validated at start-up with the key's name: its four endpoints and its
/// consumer secret are required, and what only OAuth 2.0 has is refused.</summary>
public sealed class OAuth1ConfigurationTests
{
    private static Dictionary<string, string?> Complete() => new()
    {
        ["Daemun:Providers:photos:Type"] = "oauth1",
        ["Daemun:Providers:photos:ClientId"] = "dpf43f3p2l4k3l03",
        ["Daemun:Providers:photos:ClientSecret"] = "kd94hf93k423kf44",
        ["Daemun:Providers:photos:RequestTokenEndpoint"] = "https://photos.example.net/initiate",
        ["Daemun:Providers:photos:AuthorizationEndpoint"] = "https://photos.example.net/authorize",
        ["Daemun:Providers:photos:AccessTokenEndpoint"] = "https://photos.example.net/token",
        ["Daemun:Providers:photos:UserInfoEndpoint"] = "https://photos.example.net/me",
    };

    [Fact]
    public void ACompleteOAuth1ProviderIsRegisteredWithItsEndpoints()
    {
        var p = AtTheProvider.Registry(Complete()).Find("photos")!;

        Assert.Equal(ProviderKind.OAuth1, p.Kind);
        Assert.Equal("https://photos.example.net/initiate", p.RequestTokenEndpoint);
        Assert.Equal("https://photos.example.net/token", p.AccessTokenEndpoint);
        Assert.Null(p.TokenEndpoint);
    }

    [Theory]
    [InlineData("RequestTokenEndpoint")]
    [InlineData("AccessTokenEndpoint")]
    [InlineData("AuthorizationEndpoint")]
    [InlineData("UserInfoEndpoint")]
    [InlineData("ClientSecret")]
    public void AMissingSettingStopsStartUpNamingItsKey(string name)
    {
        var settings = Complete();
        settings.Remove($"Daemun:Providers:photos:{name}");

        var failure = Assert.Throws<DaemunConfigurationException>(() => AtTheProvider.Registry(settings));

        Assert.Equal($"Daemun:Providers:photos:{name}", failure.Key);
    }

    [Theory]
    [InlineData("TokenEndpoint", "https://photos.example.net/oauth2/token")]
    [InlineData("UsePkce", "true")]
    [InlineData("UseNonce", "true")]
    [InlineData("Unlink", "Revoke")]
    public void WhatOnlyOAuth2HasIsRefused(string name, string value)
    {
        var settings = Complete();
        settings[$"Daemun:Providers:photos:{name}"] = value;
        if (name == "Unlink") settings["Daemun:Providers:photos:RevocationEndpoint"] = "https://photos.example.net/revoke";

        var failure = Assert.Throws<DaemunConfigurationException>(() => AtTheProvider.Registry(settings));

        Assert.Equal($"Daemun:Providers:photos:{name}", failure.Key);
    }

    [Fact]
    public void AConsumerSecretIsRequiredEvenForAPublicClient()
    {
        var settings = Complete();
        settings.Remove("Daemun:Providers:photos:ClientSecret");
        settings["Daemun:Providers:photos:ClientAuthentication"] = "none";

        var failure = Assert.Throws<DaemunConfigurationException>(() => AtTheProvider.Registry(settings));

        Assert.Equal("Daemun:Providers:photos:ClientSecret", failure.Key);
    }

    /// <summary>A token in the profile URL's query would put the token credentials (secret included) in a URL; a second email endpoint would
    /// be called with a Bearer token OAuth 1.0a does not have.</summary>
    [Fact]
    public void ATokenInTheQueryOrAnEmailFallbackIsRefused()
    {
        var query = Assert.Throws<DaemunConfigurationException>(() => AtTheProvider.Registry(Complete(),
            d => d.PostConfigureProviders(p => p.Profile = new ProfileRequest { TokenQueryParameter = "access_token" })));
        var fallback = Assert.Throws<DaemunConfigurationException>(() => AtTheProvider.Registry(Complete(),
            d => d.PostConfigureProviders(p => p.EmailFallback = new EmailFallback("https://photos.example.net/emails", _ => (null, false)))));

        Assert.Equal("Daemun:Providers:photos:Profile:TokenQueryParameter", query.Key);
        Assert.Equal("Daemun:Providers:photos:EmailFallback", fallback.Key);
    }

    [Fact]
    public void ARequestTokenEndpointOverPlainHttpIsRefused()
    {
        var settings = Complete();
        settings["Daemun:Providers:photos:RequestTokenEndpoint"] = "http://photos.example.net/initiate";

        var failure = Assert.Throws<DaemunConfigurationException>(() => AtTheProvider.Registry(settings));

        Assert.Equal("Daemun:Providers:photos:RequestTokenEndpoint", failure.Key);
    }

    [Fact]
    public void TheGenericTypeIsListedWithTheOthers()
    {
        Assert.Contains(GenericOAuth1.Type, ProviderCatalog.Names);
        Assert.DoesNotContain(GenericOAuth1.Type, ProviderCatalog.BuiltInIds);
        Assert.False(ProviderCatalog.IsBuiltIn(GenericOAuth1.Type));
    }
}
