using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Zaim, OAuth 1.0a with HMAC-SHA1 (docs/providers/zaim.md). The profile is <c>GET /v2/home/user/verify</c>, the person inside
/// <c>me</c> with a numeric id. Zaim shares no email address.</summary>
[BuiltInProvider(Id)]
public static class Zaim
{
    /// <summary>The provider id.</summary>
    public const string Id = "zaim";

    /// <summary>Zaim's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Zaim",
        Kind = ProviderKind.OAuth1,
        RequestTokenEndpoint = "https://api.zaim.net/v2/auth/request",
        AuthorizationEndpoint = "https://auth.zaim.net/users/auth",
        AccessTokenEndpoint = "https://api.zaim.net/v2/auth/access",
        UserInfoEndpoint = "https://api.zaim.net/v2/home/user/verify",
        MapProfile = Map,
        Fields = new("me.id", "me.name", "", "me.profile_image_url", ""),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://dev.zaim.net/home/api", "https://dev.zaim.net/home/api/authorize"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary><c>{"me":{"id":…,"login","name","profile_image_url",…},"requested":…}</c>: the numeric id kept digit for digit.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var me = Json.Member(p, "me");
        return new(Json.Text(me, "id"), Json.Text(me, "name") ?? Json.Text(me, "login"), null, false, Json.Text(me, "profile_image_url"));
    }
}
