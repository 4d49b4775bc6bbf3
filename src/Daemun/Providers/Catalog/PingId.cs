namespace Daemun.Providers;

/// <summary>PingOne (Ping Identity), OpenID Connect per environment, on the region's domain (docs/providers/ping-id.md).</summary>
[BuiltInProvider(Id)]
public static class PingId
{
    /// <summary>The provider id (Auth.js: <c>ping-id</c>).</summary>
    public const string Id = "ping-id";

    /// <summary>PingOne's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Ping Identity", "https://auth.pingone.{Region}/{EnvironmentId}/as",
        [
            new("Region", "The top-level domain of your PingOne region: com (North America), eu, ca, asia or com.au.", "eu", "com"),
            new("EnvironmentId", "Your PingOne environment's id.", "5caa81af-ec05-41ff-a709-c7378007a99c"),
        ]);
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "acr_values" };
        p.DocumentationLinks = ["https://developer.pingidentity.com/pingone-api/auth/openid-connect-oauth-2.html", "https://developer.pingidentity.com/pingone-api/foundations/pingone-roles-scopes-and-permissions/access-services-through-scopes-and-roles/openid-connect-oidc-scopes.html"];
        return p;
    }
}
