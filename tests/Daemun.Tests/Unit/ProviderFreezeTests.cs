using System.Reflection;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Unit;

/// <summary>A declaration is immutable once validated: the registry freezes every provider it holds, so nothing (a request handler, a hook,
/// an app holding on to its configure action's argument) can change a provider while the server runs.</summary>
public sealed class ProviderFreezeTests
{
    private static readonly PropertyInfo[] Settable = typeof(ProviderOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true })
        .ToArray();

    public static TheoryData<string> SettableProperties => [.. Settable.Select(p => p.Name)];

    private static ProviderOptions Validated(string id = "naver", Action<ProviderOptions>? configure = null) =>
        AtTheProvider.Registry(new()
        {
            [$"Daemun:Providers:{id}:ClientId"] = "client", [$"Daemun:Providers:{id}:ClientSecret"] = "secret",
        }, configure is null ? null : daemun => daemun.AddProvider(id, () => ProviderCatalog.For(id)!, configure)).Find(id)!;

    [Theory]
    [MemberData(nameof(SettableProperties))]
    public void EverySetterOfAValidatedDeclarationThrows(string name)
    {
        var p = Validated();
        var property = Settable.Single(s => s.Name == name);

        var e = Assert.Throws<TargetInvocationException>(() => property.SetValue(p, property.GetValue(p)));

        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Contains("'naver'", e.InnerException!.Message, StringComparison.Ordinal);
        Assert.True(p.IsFrozen);
    }

    [Theory]
    [MemberData(nameof(SettableProperties))]
    public void EverySetterOfADeclarationNotYetValidatedWorks(string name)
    {
        var p = ProviderCatalog.For("naver")!;
        var property = Settable.Single(s => s.Name == name);

        property.SetValue(p, property.GetValue(p));

        Assert.False(p.IsFrozen);
    }

    [Fact]
    public void TheCollectionsOfAValidatedDeclarationAreReadOnly()
    {
        var p = Validated("kakao");

        Assert.Throws<NotSupportedException>(() => p.Scopes.Add("talk_message"));
        Assert.Throws<NotSupportedException>(() => p.RequiredScopes.Add("openid"));
        Assert.Throws<NotSupportedException>(() => p.RequiredItems.Add("email"));
        Assert.Throws<NotSupportedException>(() => p.DocumentationLinks.Clear());
        Assert.Throws<NotSupportedException>(() => p.Parameters.Clear());
        Assert.Throws<NotSupportedException>(() => p.AuthorizationParameters["prompt"] = "none");
        Assert.Throws<NotSupportedException>(() => p.ReauthenticationParameters.Remove("prompt"));
        Assert.Throws<NotSupportedException>(() => p.RepromptParameters["auth_type"] = "reprompt");
        Assert.Throws<NotSupportedException>(() => p.PassThroughParameters.Add("state"));
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, Func<ProviderOptions>>)p.Modes).Clear());
        Assert.Equal(["prompt", "login_hint"], p.PassThroughParameters.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("login", p.ReauthenticationParameters["prompt"]);
    }

    [Fact]
    public void ACollectionTheAppKeptFromItsConfigureActionNoLongerReachesTheDeclaration()
    {
        List<string>? kept = null;
        Dictionary<string, string>? keptParameters = null;
        var p = Validated("google", p =>
        {
            kept = ["openid", "email"];
            p.Scopes = kept;
            keptParameters = new() { ["hd"] = "example.com" };
            p.AuthorizationParameters = keptParameters;
        });

        kept!.Add("https://www.googleapis.com/auth/drive");
        keptParameters!["hd"] = "elsewhere.example";

        Assert.Equal(["openid", "email"], p.Scopes);
        Assert.Equal("example.com", p.AuthorizationParameters["hd"]);
    }
}
