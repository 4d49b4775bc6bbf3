using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Battle.net (Blizzard), OpenID Connect via discovery at the region's host (docs/providers/battlenet.md): <c>Region</c> picks
/// <c>https://{Region}.battle.net/oauth</c>. The profile is the BattleTag; Battle.net gives no email.</summary>
[BuiltInProvider(Id)]
public static class BattleNet
{
    /// <summary>The provider id (Auth.js: <c>battlenet</c>).</summary>
    public const string Id = "battlenet";

    /// <summary>Battle.net's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Battle.net",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Region}.battle.net/oauth",
        Parameters = [new("Region", "The Battle.net region whose OAuth host signs people in: us, eu, kr or tw.", "eu", Default: "us")],
        Scopes = ["openid"],
        RequiredScopes = ["openid"],
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("sub", "battletag", null, null),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://develop.battle.net/documentation/guides/using-oauth"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The userinfo's <c>sub</c> and <c>battletag</c> (the id_token's claim is <c>battle_tag</c>); no email, no image.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub") ?? Json.Text(p, "id"),
        Json.Text(p, "battletag") ?? Json.Text(p, "battle_tag"),
        Email: null,
        EmailVerified: false,
        Image: null);
}
