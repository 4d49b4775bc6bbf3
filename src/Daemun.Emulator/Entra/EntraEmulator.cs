using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>Microsoft Entra ID's v2.0 endpoints under a tenant segment (<c>/entra/{tenant}/v2.0/.well-known/openid-configuration</c>,
/// <c>/entra/{tenant}/oauth2/v2.0/authorize</c>, …). As Entra does, the discovery document of <c>common</c> and <c>organizations</c> names the
/// literal issuer template <c>…/{tenantid}/v2.0</c>, that of <c>consumers</c> or of a tenant id names that tenant's issuer; id_tokens carry the
/// person's own tenant as <c>tid</c> and its issuer as <c>iss</c> (<see cref="EntraTenants"/>: a work and a personal tenant), plus <c>oid</c>,
/// <c>preferred_username</c>, <c>ver</c> and, for the work tenant, <c>xms_edov</c>. <see cref="EmulatorOptions.EntraIssuerTenant"/> makes
/// the tokens' iss name another tenant than their tid (a forged or misissued token).</summary>
internal sealed class EntraEmulator(EmulatorContext context)
    : OidcProviderBase(context, new EmulatorClient("entra", "emulator-entra-client", "emulator-entra-secret", SecretRequired: true))
{
    private const string Template = "{tenantid}";

    public override string Id => "entra";
    public override Brand Brand { get; } = new("Microsoft", "#FFFFFF", "#5E5E5E");

    protected override OidcPaths Paths { get; } = new("/{tenant}/oauth2/v2.0/authorize", "/{tenant}/oauth2/v2.0/token", "/oidc/userinfo",
        "/{tenant}/discovery/v2.0/keys", "/{tenant}/oauth2/v2.0/revoke");
    protected override bool RequirePkce => false;
    protected override TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(60);
    protected override string NewCode() => "1.AS" + Tokens.Url(48);
    protected override string NewAccessToken() => "eyJ0eXAiOiJKV1QiLCJub25jZSI6" + Tokens.Url(64);
    protected override string NewRefreshToken() => "1.AS" + Tokens.Url(64);
    protected override string Subject(TestPerson person) => person.OidcSub;
    protected override bool IssuesRefreshToken(Grant grant) => grant.HasScope("offline_access");

    /// <summary>The issuer of <paramref name="tenant"/> (a tenant id, or the template).</summary>
    public string IssuerOf(string tenant) => $"{Root}/{tenant}/v2.0";

    protected override void MapEndpoints(IEndpointRouteBuilder routes)
    {
        base.MapEndpoints(routes);
        Route(routes, "GET", "/{tenant}/v2.0/.well-known/openid-configuration", EmulatorEndpoint.Discovery, TenantDiscoveryAsync);
    }

    protected override Task UnknownClientPageAsync(HttpContext ctx) =>
        ErrorPageAsync(ctx, 400, "AADSTS700016", "Application with the identifier was not found in the directory.");

    protected override void AddIdTokenClaims(Grant grant, JsonObject claims)
    {
        var tenant = EntraTenants.Of(grant.Person);
        claims["iss"] = IssuerOf(Options.EntraIssuerTenant ?? tenant);
        claims["tid"] = tenant;
        claims["ver"] = "2.0";
        claims["oid"] = DerivedGuid(grant.Person.Id);
        if (grant.Person.Email is { } email)
        {
            claims["preferred_username"] = email;
            claims.Remove("email_verified"); // Entra has no email_verified; xms_edov says the domain's owner is verified
            if (tenant == EntraTenants.Work) claims["xms_edov"] = true;
        }
    }

    private Task TenantDiscoveryAsync(HttpContext ctx)
    {
        var tenant = ctx.GetRouteValue("tenant") as string ?? "";
        var issuer = tenant switch
        {
            "common" or "organizations" => IssuerOf(Template),
            "consumers" => IssuerOf(EntraTenants.Consumers),
            EntraTenants.Work or EntraTenants.Consumers => IssuerOf(tenant),
            _ => null,
        };
        if (issuer is null) return Reply.JsonAsync(ctx, 400, Error("invalid_tenant", "AADSTS90002: Tenant not found."));
        var doc = DiscoveryDocument(["openid", "email", "profile", "offline_access"], ["client_secret_post", "client_secret_basic"],
            ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "preferred_username", "email", "oid", "tid", "ver", "xms_edov"]);
        foreach (var (name, value) in doc.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Contains("{tenant}", StringComparison.Ordinal))
            {
                doc[name] = text.Replace("{tenant}", tenant, StringComparison.Ordinal);
            }
        }
        doc["issuer"] = issuer;
        return Reply.JsonAsync(ctx, 200, doc);
    }

    private static string DerivedGuid(string personId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("entra-oid:" + personId))[..16]).ToString("D");
}
