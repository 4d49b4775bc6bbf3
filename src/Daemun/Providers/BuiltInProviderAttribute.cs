namespace Daemun.Providers;

/// <summary>Marks a static class as a built-in provider declaration. The class has a public <c>Id</c> constant equal to
/// <paramref name="id"/> and a public static <c>Defaults()</c> returning its <see cref="ProviderOptions"/>; <see cref="ProviderCatalog"/>
/// finds it, so adding a built-in is adding its file (docs/adding-a-provider.md).</summary>
/// <param name="id">The provider id: Auth.js's id where Auth.js has the provider (<c>apple</c>, <c>microsoft-entra-id</c>, …).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BuiltInProviderAttribute(string id) : Attribute
{
    /// <summary>The provider id used in URLs and configuration keys.</summary>
    public string Id { get; } = id;
}
