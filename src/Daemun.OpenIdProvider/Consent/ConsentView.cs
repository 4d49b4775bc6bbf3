using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>What the consent page shows and carries: the app (<paramref name="ClientId"/>, its display name and logo), the signed-in person,
/// the requested scopes (API scopes described by <paramref name="ApiScopes"/>), and the form that POSTs the answer back to
/// <paramref name="Action"/> (the authorize endpoint) with every parameter of the authorization request (<paramref name="Parameters"/>),
/// because OpenIddict reads a POSTed authorization request from its form. <paramref name="SignOutUrl"/>, when given, is a "not you?" link.</summary>
internal sealed record ConsentView(
    string ClientId,
    string? AppDisplayName,
    string? AppLogoUri,
    string? PersonName,
    string? PersonEmail,
    IReadOnlyList<string> Scopes,
    IReadOnlyDictionary<string, ApiScopeOptions> ApiScopes,
    string Action,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string CsrfToken,
    string? SignOutUrl = null)
{
    /// <summary>The name the page shows for the app: its display name, else its client id.</summary>
    public string AppName => string.IsNullOrWhiteSpace(AppDisplayName) ? ClientId : AppDisplayName;

    /// <summary>Every parameter of <paramref name="request"/> as name/value pairs (a repeated parameter gives one pair per value), without
    /// the consent form's own fields (<c>csrfToken</c>, <c>consent</c>), which the page adds itself.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParametersOf(OpenIddictRequest request) =>
        Endpoints.RequestParameters.Of(request, ConsentDecision.IsFormField);
}
