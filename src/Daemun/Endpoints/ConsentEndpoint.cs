using Daemun.Errors;
using Daemun.Localization;
using Daemun.Pages;
using Daemun.Providers;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /consent?provider=…&amp;missing=…&amp;callbackUrl=…</c>: why the sign-in did not complete (the person declined an item the
/// app requires) and a button that asks the provider again (<see cref="ProviderOptions.RepromptParameters"/>).</summary>
internal sealed class ConsentEndpoint(ProviderRegistry providers, CsrfTokens csrf, Urls urls, Respond respond, RequestLanguage language, IOptions<DaemunOptions> options)
{
    public Task<IResult> PageAsync(HttpContext context) => respond.PageAsync(context, "consent page", null, () =>
    {
        var query = RequestInput.Query(context);
        var max = options.Value.MaxParameterLength;
        var p = providers.Find(RequestInput.Value(query["provider"], "provider", 64) ?? "")
            ?? throw new DaemunException(ErrorCode.UnknownProvider, "consent page for an unknown provider");
        var asked = (RequestInput.Value(query["missing"], "missing", max) ?? "").Split(',');
        var missing = p.RequiredItems.Where(asked.Contains).ToList(); // only names the app declared are shown
        if (missing.Count == 0) missing = [.. p.RequiredItems];
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(query["callbackUrl"], "callbackUrl", max));
        var page = ConsentPage.Render(language.For(context), options.Value.ServiceName, p, missing, urls.Path(context, $"signin/{p.Id}"), csrf.GetOrCreate(context), callbackUrl);
        return Task.FromResult(Html.Page(context, page));
    });
}
