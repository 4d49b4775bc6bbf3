using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Logto, OpenID Connect from a cloud tenant or a self-hosted server (issuer <c>…/oidc</c>) (docs/providers/logto.md).</summary>
[BuiltInProvider(Id)]
public static class Logto
{
    /// <summary>The provider id (Auth.js: <c>logto</c>).</summary>
    public const string Id = "logto";

    /// <summary>Logto's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Logto", "https://{Domain}/oidc",
            [new("Domain", "Your Logto tenant's endpoint host (or your self-hosted server's).", "abc123.logto.app")]);
        p.MapProfile = Map;
        p.Fields = new("sub", "name", "email", "picture", "email_verified");
        p.ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" };
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "first_screen", "ui_locales" };
        p.DocumentationLinks = ["https://docs.logto.io/integrate-logto/third-party-applications/oidc", "https://docs.logto.io/quick-starts/next-auth"];
        return p;
    }

    /// <summary>Standard claims; Logto's <c>name</c> may be null, then the <c>username</c> claim names the person.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub"),
        Json.Text(p, "name") ?? Json.Text(p, "username"),
        Json.Text(p, "email"),
        Json.Bool(p, "email_verified"),
        Json.Text(p, "picture"));
}
