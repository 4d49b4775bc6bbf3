using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>A plain, standards-following OpenID Connect provider: client_secret_basic or _post, optional PKCE, refresh tokens.</summary>
internal sealed class OidcEmulator(EmulatorContext context)
    : OidcProviderBase(context, new EmulatorClient("oidc", "emulator-oidc-client", "emulator-oidc-secret", SecretRequired: true))
{
    public override string Id => "oidc";
    public override Brand Brand { get; } = new("OpenID Connect", "#5B3FD1", "#ffffff");

    protected override OidcPaths Paths { get; } = new("/authorize", "/token", "/userinfo", "/jwks", "/revoke");
    protected override bool RequirePkce => Options.OidcRequirePkce;
    protected override TimeSpan AccessTokenLifetime => Options.OidcAccessTokenLifetime;
    protected override string NewCode() => Tokens.Url(32);
    protected override string NewAccessToken() => Tokens.Url(32);
    protected override string NewRefreshToken() => Tokens.Url(32);
    protected override string Subject(TestPerson person) => person.OidcSub;
    protected override bool IssuesRefreshToken(Grant grant) => true;
    protected override bool RotatesRefreshTokens => Options.OidcRotatesRefreshTokens;
    protected override bool SendsIssuerParameter => true;

    protected override Task UnknownClientPageAsync(HttpContext ctx) =>
        ErrorPageAsync(ctx, 400, "invalid_client", "Unknown client_id.");
}
