using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Unit;

/// <summary>A declaration's <see cref="TokenRequest"/> is checked at start-up: it may not forward the callback's own fields (an attacker's
/// <c>code</c> or <c>state</c> in the callback URL would otherwise reach the token request unchecked) nor name an empty parameter; and the
/// bound on a forwarded value holds.</summary>
public sealed class TokenRequestDeclarationTests
{
    private static ProviderRegistry Declared(Action<ProviderOptions> configure) =>
        AtTheProvider.Registry(new() { ["Daemun:Providers:vk:ClientId"] = "client" }, daemun => daemun.AddProvider("vk", () => ProviderCatalog.For("vk")!, configure));

    [Theory]
    [InlineData("code")]
    [InlineData("state")]
    [InlineData("iss")]
    [InlineData("error")]
    [InlineData("")]
    public void ADeclarationThatForwardsACallbackFieldOfItsOwnIsRefused(string name)
    {
        var e = Assert.Throws<DaemunConfigurationException>(() => Declared(p => p.TokenRequest = new() { CallbackParameters = ["device_id", name] }));

        Assert.Contains("TokenRequest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyParameterNamesAreRefused()
    {
        Assert.Throws<DaemunConfigurationException>(() => Declared(p => p.TokenRequest = new() { ClientIdParameter = "" }));
        Assert.Throws<DaemunConfigurationException>(() => Declared(p => p.TokenRequest = new() { ClientSecretParameter = "" }));
        Assert.Throws<DaemunConfigurationException>(() => Declared(p => p.ScopeParameter = ""));
        Assert.NotNull(Declared(_ => { }).Find("vk"));
    }

    [Theory]
    [InlineData("abc-DEF_123.~", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a&b=c", false)]
    [InlineData("a\"}", false)]
    [InlineData("é", false)]
    public void AForwardedValueIsUnreservedCharactersOnly(string value, bool acceptable)
    {
        Assert.Equal(acceptable, TokenRequest.IsAcceptableCallbackValue(value));
        Assert.True(TokenRequest.IsAcceptableCallbackValue(new string('a', TokenRequest.MaxCallbackParameterLength)));
        Assert.False(TokenRequest.IsAcceptableCallbackValue(new string('a', TokenRequest.MaxCallbackParameterLength + 1)));
    }
}
