using Daemun.Emulator;
using Daemun.Emulator.Catalog;
using Daemun.Providers;

namespace Daemun.Server;

/// <summary>Serves a catalog provider without credentials from the emulator's generic catalog provider: tells the emulator what it needs
/// of the declaration (<see cref="CatalogDeclaration"/>), then points the declaration at it. The emulator keeps the provider's own paths
/// (https://discord.com/api/users/@me → {emulator}/discord/api/users/@me); a declaration with settings in its URLs (<c>{Domain}</c>) gets
/// the emulator's plain paths instead, so those settings need no values in Development.</summary>
internal static class CatalogEmulation
{
    private static readonly CatalogDeclaration Plain = new("", "");
    private static readonly string[] Reserved = ["/consent", "/jwks", "/.well-known/openid-configuration"];

    /// <summary>Whether a built-in of this type can be emulated here: it has a recorded response shape.</summary>
    public static bool CanServe(string type) => ProviderCatalog.IsBuiltIn(type) && ResponseShapes.Find(type) is not null;

    /// <summary>Registers the declaration at the emulator (as <paramref name="type"/>) and rewrites its endpoints and app to the emulator's.</summary>
    public static void Apply(ProviderEmulator emulator, ProviderOptions p, string type) => Emulated(emulator, p, type).Apply(p);

    /// <summary>Registers the declaration at the emulator (as <paramref name="type"/>) and returns what the emulator serves it with. Endpoints
    /// the generic emulator does not serve (logout, granted items) point at it under the provider's path, answered 404.</summary>
    public static EmulatedProvider Emulated(ProviderEmulator emulator, ProviderOptions p, string type)
    {
        var declaration = Declaration(p, type);
        var endpoints = emulator.AddCatalogProvider(declaration);
        var root = $"{emulator.BaseAddress}/{type}";
        var values = EmulatorValues.Of(emulator.Client(type), endpoints);
        values["Issuer"] = endpoints.Issuer ?? root; // an OAuth 2.0 declaration's issuer (the authorization response's iss) is the root too
        values["UnlinkEndpoint"] = emulator.CatalogUnlinkEndpoint(type);
        values["EmailFallbackEndpoint"] = endpoints.EmailsEndpoint ?? root + declaration.EmailsPath;
        return new(root, values);
    }

    /// <summary>What the emulator needs of the declaration: its paths, protocol, client authentication, profile request and PKCE.</summary>
    public static CatalogDeclaration Declaration(ProviderOptions p, string type)
    {
        var declaration = new CatalogDeclaration(type, p.Name)
        {
            OpenIdConnect = p.Kind == ProviderKind.Oidc,
            RevocationPath = Revokes(p) ? "/revoke" : null,
            UnlinkPath = p.UnlinkEndpoint is null ? null : "/unlink",
            ClientAuthentication = p.ClientAuthentication switch
            {
                ClientAuthentication.ClientSecretBasic => CatalogClientAuthentication.Basic,
                ClientAuthentication.None => CatalogClientAuthentication.None,
                _ => CatalogClientAuthentication.Post,
            },
            ProfileMethod = ProfileMethod(p),
            ProfileTokenParameter = p.Profile.TokenQueryParameter,
            RequirePkce = p.UsePkce,
            ScopeSeparator = p.ScopeSeparator,
            BrandColour = p.Style.Background,
            BrandTextColour = p.Style.Text,
        };
        if (p.Parameters.Count > 0) return declaration;
        var mirrored = declaration with
        {
            AuthorizationPath = PathOf(p.AuthorizationEndpoint) ?? Plain.AuthorizationPath,
            TokenPath = PathOf(p.TokenEndpoint) ?? Plain.TokenPath,
            ProfilePath = PathOf(p.UserInfoEndpoint) ?? Plain.ProfilePath,
            EmailsPath = PathOf(p.EmailFallback?.Endpoint) ?? Plain.EmailsPath,
            RevocationPath = Revokes(p) ? PathOf(p.RevocationEndpoint) ?? "/revoke" : null,
            UnlinkPath = p.UnlinkEndpoint is null ? null : PathOf(p.UnlinkEndpoint) ?? "/unlink",
        };
        // the provider's own paths only when each names one endpoint (some providers serve two under one path on different hosts)
        string?[] paths = [mirrored.AuthorizationPath, mirrored.TokenPath, mirrored.ProfilePath, mirrored.EmailsPath, mirrored.RevocationPath, mirrored.UnlinkPath, .. Reserved];
        var used = paths.OfType<string>().Select(Uri.UnescapeDataString).ToList();
        return used.Distinct(StringComparer.Ordinal).Count() == used.Count ? mirrored : declaration;
    }

    /// <summary>The method the declaration's profile request uses, from the request its hook builds (a subclass may change it).</summary>
    private static string ProfileMethod(ProviderOptions p)
    {
        using var probe = p.Profile.Create("https://emulator.invalid/profile", "probe", p);
        return probe.Method.Method;
    }

    /// <summary>The provider has a revocation endpoint: declared, or (OpenID Connect) published by discovery for its unlink.</summary>
    private static bool Revokes(ProviderOptions p) => p.RevocationEndpoint is not null || p.Unlink == UnlinkMethod.Revoke;

    /// <summary>The path of a provider's URL, or null when it is absent, has a setting in it, or is only <c>/</c>.</summary>
    private static string? PathOf(string? url) =>
        url is not null && !url.Contains('{', StringComparison.Ordinal) && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.AbsolutePath.Length > 1
            ? u.AbsolutePath : null;
}
