using Daemun.Sessions;
using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary><c>GET /session</c>: <c>{"user":{"name","email","image"},"expires":"…"}</c> when signed in, <c>{}</c> otherwise (Auth.js's shape).</summary>
internal sealed class SessionEndpoint(SessionService sessions, Respond respond)
{
    public Task<IResult> HandleAsync(HttpContext context) => respond.JsonAsync("session", async () =>
    {
        context.Response.Headers.CacheControl = "no-store";
        var session = await sessions.ReadAsync(context, context.RequestAborted);
        return session is null
            ? Results.Json(new { })
            : Results.Json(new { user = new { id = session.UserId, name = session.Name, email = session.Email, image = session.Image }, expires = session.Expires.UtcDateTime.ToString("O") });
    });
}
