using Daemun.Endpoints;
using Daemun.Localization;
using Daemun.Providers;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun;

/// <summary>Daemun helpers for an app's own pages.</summary>
public static class DaemunHttpContextExtensions
{
    /// <summary>The CSRF token to put in a form that posts to Daemun (e.g. a sign-out button), setting its cookie when needed.</summary>
    public static string GetDaemunCsrfToken(this HttpContext context) =>
        context.RequestServices.GetRequiredService<CsrfTokens>().GetOrCreate(context);

    /// <summary>The request's session, or null when signed out.</summary>
    public static Task<DaemunSession?> GetDaemunSessionAsync(this HttpContext context) =>
        context.RequestServices.GetRequiredService<SessionService>().ReadAsync(context, context.RequestAborted);

    /// <summary>The language Daemun's pages use for this request (<c>ko</c>, <c>en</c>, <c>ja</c>, <c>fr</c>…: the <c>lang</c> query value or cookie,
    /// else Accept-Language, else <c>Daemun:DefaultLanguage</c>), so that an app's own pages match them.</summary>
    public static string GetDaemunLanguage(this HttpContext context) =>
        context.RequestServices.GetRequiredService<RequestLanguage>().Choose(context);

    /// <summary>A string of Daemun's string files (<c>Localization/Strings/{lang}.json</c>) in the request's language, with <c>{0}</c>… filled in;
    /// the standalone server's home page uses the <c>home.*</c> keys. An app adding a language adds one file there.</summary>
    public static string GetDaemunText(this HttpContext context, string key, params object?[] args) =>
        context.RequestServices.GetRequiredService<RequestLanguage>().For(context).T(key, args);

    /// <summary>What a replacement sign-in page needs to draw the buttons (<see cref="DaemunPagesOptions.SignIn"/>), in the configured order:
    /// each button is a form that POSTs <c>csrfToken</c> (<see cref="GetDaemunCsrfToken"/>) and <c>callbackUrl</c> to <see cref="DaemunProviderButton.SignInPath"/>.</summary>
    public static IReadOnlyList<DaemunProviderButton> GetDaemunProviderButtons(this HttpContext context)
    {
        var services = context.RequestServices;
        var text = services.GetRequiredService<RequestLanguage>().For(context);
        var urls = services.GetRequiredService<Urls>();
        return services.GetRequiredService<ProviderRegistry>().All
            .Select(p => new DaemunProviderButton(p.Id, text.ProviderName(p), text.T("signin.button", text.ProviderName(p)), urls.Path(context, $"signin/{p.Id}"), p.Style))
            .ToList();
    }
}
