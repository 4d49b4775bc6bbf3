using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Oracle NetSuite, OAuth 2.0 on the account's domains; NetSuite has no userinfo endpoint, so the profile is a RESTlet of the
/// account that returns <c>N/runtime.getCurrentUser()</c> as JSON (docs/providers/netsuite.md).</summary>
[BuiltInProvider(Id)]
public static class NetSuite
{
    /// <summary>The provider id (Auth.js: <c>netsuite</c>).</summary>
    public const string Id = "netsuite";

    /// <summary>NetSuite's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Oracle NetSuite",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{AccountId}.app.netsuite.com/app/login/oauth2/authorize.nl",
        TokenEndpoint = "https://{AccountId}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token",
        // NetSuite has no userinfo endpoint: the operator deploys a RESTlet in the account and gives its external URL
        UserInfoEndpointRequired = (
            "the external URL of a RESTlet deployed in your NetSuite account that returns N/runtime.getCurrentUser() (id, name, email) as JSON"
            + " (Customization > Scripting > Script Deployments, External URL).",
            "https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_daemun_user&deploy=customdeploy_daemun_user"),
        Scopes = ["restlets"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        TokenResponse = new() { ExpiresInMayBeString = true },
        MapProfile = Map,
        Fields = new("id", "name", "email", null),
        NeverVerifiesEmails = true,
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt" },
        Parameters =
        [
            new("AccountId", "Your NetSuite account id as it appears in its domains (lower case, - for _; a sandbox ends in -sb1).", "1234567"),
        ],
        DocumentationLinks =
        [
            "https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_158074210415.html",
            "https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4296361104.html",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The runtime.User object: <c>id</c> (the internal id, a number), <c>name</c>, <c>email</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(Json.Text(p, "id"), Json.Text(p, "name"), Json.Text(p, "email"), false, null);
}
