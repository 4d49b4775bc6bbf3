using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>Google's OpenID Connect endpoints; PKCE required by default, refresh token only with access_type=offline.</summary>
internal sealed class GoogleEmulator(EmulatorContext context)
    : OidcProviderBase(context, new EmulatorClient("google", "emulator-google-client", "emulator-google-secret", SecretRequired: true))
{
    private const string ScopePrefix = "https://www.googleapis.com/auth/userinfo.";

    public override string Id => "google";
    public override Brand Brand { get; } = new("Google", "#4285F4", "#ffffff");

    protected override OidcPaths Paths { get; } = new("/o/oauth2/v2/auth", "/token", "/v1/userinfo", "/oauth2/v3/certs", "/revoke");
    protected override bool RequirePkce => Options.GoogleRequirePkce;
    protected override TimeSpan AccessTokenLifetime => Options.GoogleAccessTokenLifetime;
    protected override string NewCode() => "4/0A" + Tokens.Url(48);
    protected override string NewAccessToken() => "ya29." + Tokens.Url(96);
    protected override string NewRefreshToken() => "1//0" + Tokens.Url(72);
    protected override string Subject(TestPerson person) => person.GoogleSub;
    protected override bool IssuesRefreshToken(Grant grant) => grant.Request.Extra.GetValueOrDefault("access_type") == "offline";

    protected override JsonObject RedirectMismatchError => Error("redirect_uri_mismatch", "Bad Request");
    protected override JsonObject InvalidClientError => Error("invalid_client", "Unauthorized");
    protected override JsonObject InvalidTokenError => Error("invalid_request", "Invalid Credentials");

    protected override Task UnknownClientPageAsync(HttpContext ctx) =>
        ErrorPageAsync(ctx, 401, "Error 401: invalid_client", "The OAuth client was not found.");

    /// <summary>Google accepts the userinfo.* URLs as aliases of email and profile.</summary>
    protected override string? NormalizeScope(string scope) =>
        scope.StartsWith(ScopePrefix, StringComparison.Ordinal) ? NormalizeScope(scope[ScopePrefix.Length..])
        : scope is "openid" or "email" or "profile" ? scope : null;

    /// <summary>Google answers with the long scope URLs.</summary>
    protected override string ScopeString(IEnumerable<string> scopes) =>
        string.Join(' ', scopes.Select(s => s == "openid" ? s : ScopePrefix + s));

    protected override void AddIdTokenClaims(Grant grant, JsonObject claims) => claims["azp"] = grant.Client.ClientId;
}
