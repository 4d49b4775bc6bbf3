using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Discord, OAuth 2.0 (docs/providers/discord.md). The profile is <c>GET /users/@me</c>; its <c>verified</c> member says whether
/// the account's email was verified.</summary>
[BuiltInProvider(Id)]
public static class Discord
{
    /// <summary>The provider id (Auth.js: <c>discord</c>).</summary>
    public const string Id = "discord";

    /// <summary>Discord's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Discord",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://discord.com/oauth2/authorize",
        TokenEndpoint = "https://discord.com/api/oauth2/token",
        UserInfoEndpoint = "https://discord.com/api/users/@me",
        RevocationEndpoint = "https://discord.com/api/oauth2/token/revoke",
        Unlink = UnlinkMethod.Revoke,
        Scopes = ["identify", "email"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "global_name", "email", "avatar", "verified"),
        EmailVerifiedRule = "the verified member is true",
        PassThroughParameters = new HashSet<string> { "prompt" },
        DocumentationLinks = ["https://discord.com/developers/docs/topics/oauth2", "https://discord.com/developers/docs/resources/user#user-object", "https://discord.com/branding"],
        Style = new("#5865F2", "#FFFFFF"),
    };

    /// <summary>Discord's user object: <c>global_name</c> (the display name) before <c>username</c>; the avatar is a hash made into a CDN URL.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var id = Json.Text(p, "id");
        var avatar = Json.Text(p, "avatar");
        return new(
            id,
            Json.Text(p, "global_name") ?? Json.Text(p, "username"),
            Json.Text(p, "email"),
            Json.Bool(p, "verified"),
            id is not null && avatar is not null ? $"https://cdn.discordapp.com/avatars/{id}/{avatar}.png" : null);
    }
}
