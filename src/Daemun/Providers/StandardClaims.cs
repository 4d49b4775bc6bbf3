using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Profile mapping for providers that speak OIDC standard claims.</summary>
public static class StandardClaims
{
    /// <summary>Maps <c>sub</c>, <c>name</c>, <c>email</c>, <c>email_verified</c>, <c>picture</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub"),
        Json.Text(p, "name") ?? Json.Text(p, "preferred_username"),
        Json.Text(p, "email"),
        Json.Bool(p, "email_verified"),
        Json.Text(p, "picture"));
}
