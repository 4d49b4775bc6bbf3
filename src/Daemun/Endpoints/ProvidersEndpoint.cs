using Daemun.Providers;
using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary><c>GET /providers</c>: <c>{"naver":{"id","name","type","signinUrl","callbackUrl"},…}</c>.</summary>
internal sealed class ProvidersEndpoint(ProviderRegistry providers, Urls urls)
{
    public IResult Handle(HttpContext context)
    {
        var result = providers.All.ToDictionary(p => p.Id, p => new
        {
            id = p.Id,
            name = p.Name,
            type = p.Kind == ProviderKind.Oidc ? "oidc" : "oauth",
            signinUrl = urls.Absolute(context, $"signin/{p.Id}"),
            callbackUrl = urls.RedirectUri(context, p),
        });
        return Results.Json(result);
    }
}
