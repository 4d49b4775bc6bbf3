using System.Text.Json;

namespace Daemun.Providers;

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
