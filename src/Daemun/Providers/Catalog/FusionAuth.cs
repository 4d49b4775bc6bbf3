using System.Text.Json;

namespace Daemun.Providers;

/// <summary>FusionAuth, OpenID Connect from a self-hosted or cloud instance; the tenant's issuer must be set to the instance's https URL
/// (docs/providers/fusionauth.md).</summary>
[BuiltInProvider(Id)]
public static class FusionAuth
{
    /// <summary>The provider id (Auth.js: <c>fusionauth</c>).</summary>
    public const string Id = "fusionauth";

    /// <summary>FusionAuth's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "FusionAuth", "https://{Domain}",
            [new("Domain", "The host of your FusionAuth instance; the tenant's issuer setting must be https:// followed by it.", "auth.example.com")]);
        p.Unlink = UnlinkMethod.None;
        p.MapProfile = Map;
        p.ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" };
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "idp_hint", "locale" };
        p.DocumentationLinks = ["https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints", "https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/tokens"];
        return p;
    }

    /// <summary>Standard claims; FusionAuth's userinfo may carry only <c>given_name</c> and <c>family_name</c>, joined then as the name.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var joined = string.Join(' ', new[] { Json.Text(p, "given_name"), Json.Text(p, "family_name") }.OfType<string>());
        return new(
            Json.Text(p, "sub"),
            Json.Text(p, "name") ?? Json.Text(p, "preferred_username") ?? (joined.Length > 0 ? joined : null),
            Json.Text(p, "email"),
            Json.Bool(p, "email_verified"),
            Json.Text(p, "picture"));
    }
}
