using System.Text.Json;

namespace Daemun.Providers;

/// <summary>VK ID, OAuth 2.1 with PKCE (docs/providers/vk.md): a public client (no secret at the token endpoint), <c>state</c> and the
/// callback's <c>device_id</c> sent again with the code, and the profile from a form POST to <c>/oauth2/user_info</c> (see
/// <see cref="VkProfileRequest"/>) in a <c>user</c> envelope. VK does not say the email is verified.</summary>
[BuiltInProvider(Id)]
public static class Vk
{
    /// <summary>The provider id (Auth.js: <c>vk</c>).</summary>
    public const string Id = "vk";

    /// <summary>VK ID's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "VK ID",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://id.vk.com/authorize",
        TokenEndpoint = "https://id.vk.com/oauth2/auth",
        UserInfoEndpoint = "https://id.vk.com/oauth2/user_info",
        Profile = new VkProfileRequest(),
        Scopes = ["vkid.personal_info", "email"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.None,
        TokenRequest = new() { CallbackParameters = ["device_id"] },
        TokenResponse = new() { CodeExchangeSendsState = true },
        MapProfile = Map,
        Fields = new("user_id", "first_name", "email", "avatar"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://id.vk.com/about/business/go/docs/ru/vkid/latest/vk-id/connection/api-integration/api-description",
            "https://id.vk.com/about/business/go/docs/ru/vkid/latest/vk-id/connection/guidelines/design-rules",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The user in <c>user</c> (<see cref="VkProfileRequest"/> unwraps it): <c>user_id</c>, first and last name, <c>email</c>, <c>avatar</c>.
    /// No email is marked verified (<c>verified</c> is about the VK profile, not the address).</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var name = string.Join(' ', new[] { Json.Text(p, "first_name"), Json.Text(p, "last_name") }.OfType<string>());
        return new(Json.Text(p, "user_id"), name.Length > 0 ? name : null, Json.Text(p, "email"), EmailVerified: false, Json.Text(p, "avatar"));
    }
}
