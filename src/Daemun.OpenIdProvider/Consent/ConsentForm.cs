using System.Collections.Immutable;
using Daemun.Endpoints;
using Daemun.Localization;
using Daemun.OpenIdProvider.Clients;
using Daemun.Pages;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>Answers an authorization request of a third-party app with its <see cref="ConsentPage"/>: the app as configured, the signed-in
/// person, the requested scopes, a form posting every parameter of the request back to this same authorize URL, and a "not you?" link
/// (sign out, then this request again).</summary>
internal sealed class ConsentForm(CsrfTokens csrf, RequestLanguage language, Urls urls, IOptions<DaemunOptions> options,
    IOptions<OpenIdProviderOptions> provider)
{
    public IResult Render(HttpContext context, OpenIddictRequest request, OidcClient client, UserRecord user, ImmutableArray<string> scopes)
    {
        var parameters = ConsentView.ParametersOf(request);
        var action = $"{context.Request.PathBase}{context.Request.Path}";
        var again = QueryHelpers.AddQueryString(action, parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        var view = new ConsentView(client.ClientId, client.DisplayName, client.LogoUri, user.Name, user.Email, scopes, provider.Value.ApiScopes,
            action, parameters, csrf.GetOrCreate(context), QueryHelpers.AddQueryString(urls.Path(context, "signout"), "callbackUrl", again));
        return Html.Page(context, ConsentPage.Render(language.For(context), options.Value.ServiceName, view));
    }
}
