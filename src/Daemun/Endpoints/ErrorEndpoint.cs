using Daemun.Errors;
using Daemun.Localization;
using Daemun.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /error?error=Code</c>: the code's message and a way back, with the code's HTTP status.</summary>
internal sealed class ErrorEndpoint(Urls urls, RequestLanguage language, IOptions<DaemunOptions> options)
{
    public IResult Handle(HttpContext context)
    {
        if (Urls.Replacement(context, options.Value.Pages.Error) is { } appPage) return Redirects.Plain(appPage);
        var raw = context.Request.Query["error"];
        var code = ErrorCodes.Parse(raw.Count == 1 && raw[0]!.Length <= 64 ? raw[0] : null);
        var said = context.Request.Query[Respond.ProviderErrorParameter];
        var providerError = code == ErrorCode.OAuthCallbackError && said.Count == 1 ? ProviderRefusals.Listed(said[0]) : null; // only a listed code, never free text
        var page = ErrorPage.Render(language.For(context), options.Value.ServiceName, code, urls.Path(context, "signin"), providerError);
        return Html.Page(context, page, ErrorCodes.StatusCode(code));
    }
}
