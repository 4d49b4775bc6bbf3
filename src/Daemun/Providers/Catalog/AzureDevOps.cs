using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Azure DevOps Services OAuth (app.vssps.visualstudio.com; Microsoft closed new registrations and points new apps to Microsoft
/// Entra ID); the profile is <c>GET /_apis/profile/profiles/me</c> (docs/providers/azure-devops.md).</summary>
[BuiltInProvider(Id)]
public static class AzureDevOps
{
    /// <summary>The provider id (Auth.js: <c>azure-devops</c>).</summary>
    public const string Id = "azure-devops";

    /// <summary>Azure DevOps' declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Azure DevOps",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://app.vssps.visualstudio.com/oauth2/authorize",
        TokenEndpoint = "https://app.vssps.visualstudio.com/oauth2/token",
        UserInfoEndpoint = "https://app.vssps.visualstudio.com/_apis/profile/profiles/me",
        Scopes = ["vso.profile"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new() { ExpiresInMayBeString = true },
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["api-version"] = "7.1" } },
        MapProfile = Map,
        Fields = new("id", "displayName", "emailAddress", null),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://learn.microsoft.com/en-us/azure/devops/integrate/get-started/authentication/azure-devops-oauth", "https://learn.microsoft.com/en-us/rest/api/azure/devops/profile/profiles/get"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The profile: <c>id</c> (a GUID), <c>displayName</c>, <c>emailAddress</c>; the avatar is only sent as inline image data, which
    /// is not kept. Azure DevOps documents no verification state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "displayName") ?? Json.Text(p, "publicAlias"),
        Json.Text(p, "emailAddress"),
        EmailVerified: false,
        null);
}
