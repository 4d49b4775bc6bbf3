using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>Sign in with Apple (<c>/apple/auth/authorize</c>, <c>/apple/auth/token</c>, <c>/apple/auth/keys</c>): the client secret is a JWT
/// signed ES256 with the client's .p8 key, checked against the registered public key (<see cref="EmulatorOptions.AppleClientPublicKeyPem"/>:
/// signature, kid, iss = Team ID, sub = client id, aud, exp); the response is POSTed to the redirect URI (form_post); the <c>user</c> field with
/// the name is sent only on a person's first authorization for the client; id_tokens always, with <c>email_verified</c> as a string; no
/// userinfo endpoint.</summary>
internal sealed class AppleEmulator(EmulatorContext context)
    : OidcProviderBase(context, new EmulatorClient("apple", "emulator-apple-client", "emulator-apple-secret", SecretRequired: true))
{
    private const string Audience = "https://appleid.apple.com";
    private readonly ConcurrentDictionary<(string Client, string Person), bool> _authorized = new();

    public override string Id => "apple";
    public override Brand Brand { get; } = new("Apple", "#000000", "#ffffff");

    protected override OidcPaths Paths { get; } = new("/auth/authorize", "/auth/token", "/auth/userinfo", "/auth/keys", "/auth/revoke");
    protected override bool RequirePkce => false;
    protected override TimeSpan AccessTokenLifetime => TimeSpan.FromHours(1);
    protected override string NewCode() => "c" + Tokens.Hex(16) + ".0.mrqxy." + Tokens.Url(24);
    protected override string NewAccessToken() => "a" + Tokens.Hex(16) + ".0.mrqxy." + Tokens.Url(24);
    protected override string NewRefreshToken() => "r" + Tokens.Hex(16) + ".0.mrqxy." + Tokens.Url(24);
    protected override string Subject(TestPerson person) => "001234." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("apple:" + person.Id))[..16]) + ".1234";
    protected override bool IssuesRefreshToken(Grant grant) => true;
    protected override bool IssuesIdToken(Grant grant) => true;
    protected override bool RespondsWithFormPost => true;

    protected override string? NormalizeScope(string scope) => scope is "openid" or "email" or "name" ? scope : null;

    protected override Task UnknownClientPageAsync(HttpContext ctx) => ErrorPageAsync(ctx, 400, "invalid_client", "Invalid client id or web redirect url.");

    protected override JsonObject InvalidClientError => new() { ["error"] = "invalid_client" };

    protected override void AdjustDiscovery(JsonObject document)
    {
        document.Remove("userinfo_endpoint");
        document["response_modes_supported"] = new JsonArray("query", "fragment", "form_post");
        document["scopes_supported"] = new JsonArray("openid", "email", "name");
        document["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post");
        document["id_token_signing_alg_values_supported"] = new JsonArray("RS256");
    }

    /// <summary>Apple's id_token: <c>email_verified</c> and <c>is_private_email</c> as strings; never a name.</summary>
    protected override void AddIdTokenClaims(Grant grant, JsonObject claims)
    {
        claims.Remove("name");
        claims.Remove("given_name");
        claims.Remove("family_name");
        claims.Remove("picture");
        if (claims["email_verified"] is JsonValue verified) claims["email_verified"] = verified.GetValue<bool>() ? "true" : "false";
        if (claims.ContainsKey("email")) claims["is_private_email"] = "false";
        claims["nonce_supported"] = true;
    }

    /// <summary>The first authorization of a person for the client sends <c>user</c> (name, and email when asked for); later ones never.</summary>
    protected override IEnumerable<(string Name, string? Value)> AllowedResponseFields(Grant grant)
    {
        if (!_authorized.TryAdd((grant.Client.ClientId, grant.Person.Id), true) || !grant.HasScope("name")) return [];
        var user = new JsonObject { ["name"] = new JsonObject { ["firstName"] = grant.Person.GivenName, ["lastName"] = grant.Person.FamilyName } };
        if (grant.HasScope("email") && grant.Person.Email is { } email) user["email"] = email;
        return [("user", user.ToJsonString())];
    }

    protected override void OnDisconnected(string clientId, string personId) => _authorized.TryRemove((clientId, personId), out _);

    /// <summary>With a registered key, only a valid client secret JWT; without one, the published secret.</summary>
    protected override bool ClientAuthenticates(EmulatorClient client, string? secret) =>
        Options.AppleClientPublicKeyPem is { } pem ? ValidJwt(secret, pem, client.ClientId) : base.ClientAuthenticates(client, secret);

    private bool ValidJwt(string? secret, string pem, string clientId)
    {
        var parts = secret?.Split('.');
        if (parts is not { Length: 3 }) return false;
        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            var h = header.RootElement;
            var c = payload.RootElement;
            if (Text(h, "alg") != "ES256" || Text(h, "kid") != Options.AppleKeyId) return false;
            if (Text(c, "iss") != Options.AppleTeamId || Text(c, "sub") != clientId || Text(c, "aud") != Audience) return false;
            if (!c.TryGetProperty("iat", out var iat) || !c.TryGetProperty("exp", out var exp) || !iat.TryGetInt64(out var issued) || !exp.TryGetInt64(out var expires)) return false;
            var now = Now.ToUnixTimeSeconds();
            if (expires <= now || issued > now + 60 || expires - issued > 15_777_000) return false;
            using var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[] Base64Url(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
