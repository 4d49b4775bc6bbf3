namespace Daemun.Providers;

/// <summary>United Effects, OpenID Connect per auth group (docs/providers/united-effects.md).</summary>
[BuiltInProvider(Id)]
public static class UnitedEffects
{
    /// <summary>The provider id (Auth.js: <c>united-effects</c>).</summary>
    public const string Id = "united-effects";

    /// <summary>United Effects' declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "United Effects",
        Kind = ProviderKind.Oidc,
        Issuer = "https://auth.unitedeffects.com/{AuthGroup}",
        Scopes = ["openid", "email", "profile"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        NeverVerifiesEmails = true,
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        Parameters = [new("AuthGroup", "The id of your United Effects auth group.", "YQpbQV5dbW-224dCovz-3")],
        DocumentationLinks = ["https://docs.unitedeffects.com/integrations/nextauthjs", "https://docs.unitedeffects.com/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}
