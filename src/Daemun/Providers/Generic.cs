using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Any OpenID Connect provider, from its issuer's discovery document.</summary>
public static class GenericOidc
{
    /// <summary>The configuration <c>Type</c> value.</summary>
    public const string Type = "oidc";

    /// <summary>A generic OIDC declaration; id, name, issuer and client come from configuration or code.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Kind = ProviderKind.Oidc,
        Scopes = ["openid", "email", "profile"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // when discovery publishes a revocation_endpoint (or one is configured)
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        ClientAuthentication = ClientAuthentication.ClientSecretBasic, // used when discovery is not read (all endpoints configured)
        ClientAuthenticationFromDiscovery = true,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
    };
}

/// <summary>Any OAuth 2.0 provider with explicit endpoints and a profile mapping by JSON paths.</summary>
public static class GenericOAuth2
{
    /// <summary>The configuration <c>Type</c> value.</summary>
    public const string Type = "oauth2";

    /// <summary>A generic OAuth 2.0 declaration; endpoints and the profile paths come from configuration or code.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Kind = ProviderKind.OAuth2,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = ByPaths(new ProfilePaths()),
    };

    /// <summary>A mapping that reads each field from a dot path (<c>data.user.id</c>).</summary>
    public static Func<JsonElement, ProfileFields> ByPaths(ProfilePaths paths) => p => new(
        Json.Path(p, paths.Id),
        Json.Path(p, paths.Name),
        Json.Path(p, paths.Email),
        string.Equals(Json.Path(p, paths.EmailVerified), "true", StringComparison.OrdinalIgnoreCase),
        Json.Path(p, paths.Image));
}

/// <summary>Dot paths into a profile JSON for <see cref="GenericOAuth2"/>.</summary>
public sealed record ProfilePaths(string Id = "id", string Name = "name", string Email = "email", string? EmailVerified = "email_verified", string Image = "picture");
