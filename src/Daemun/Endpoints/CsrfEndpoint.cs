using Daemun.Sessions;
using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary><c>GET /csrf</c>: <c>{"csrfToken":"…"}</c>, setting the matching cookie.</summary>
internal sealed class CsrfEndpoint(CsrfTokens csrf)
{
    public IResult Handle(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { csrfToken = csrf.GetOrCreate(context) });
    }
}
