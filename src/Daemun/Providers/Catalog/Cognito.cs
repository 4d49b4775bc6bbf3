using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Amazon Cognito, OpenID Connect on a user pool (issuer by region and pool id); its userinfo sends <c>email_verified</c> as the
/// string <c>"true"</c> (docs/providers/cognito.md).</summary>
[BuiltInProvider(Id)]
public static class Cognito
{
    /// <summary>The provider id (Auth.js: <c>cognito</c>).</summary>
    public const string Id = "cognito";

    /// <summary>Amazon Cognito's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Amazon Cognito",
        Kind = ProviderKind.Oidc,
        Issuer = "https://cognito-idp.{Region}.amazonaws.com/{UserPoolId}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("sub", "name", "email", "picture", "email_verified"),
        EmailVerifiedRule = "the email_verified attribute is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "identity_provider", "idp_identifier", "lang" },
        Parameters =
        [
            new("Region", "The AWS Region of the user pool.", "us-east-1"),
            new("UserPoolId", "The user pool's id.", "us-east-1_Example12"),
        ],
        DocumentationLinks = ["https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html", "https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Standard claims; the name falls back to the user pool's <c>username</c>; <c>email_verified</c> may be a string.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub"),
        Json.Text(p, "name") ?? Json.Text(p, "preferred_username") ?? Json.Text(p, "username") ?? Json.Text(p, "cognito:username"),
        Json.Text(p, "email"),
        Json.Bool(p, "email_verified"),
        Json.Text(p, "picture"));
}
