namespace OidcBench;

/// <summary>The yardstick: the smallest Kestrel app (one endpoint, no logging), measured with the same wrk settings in the same run,
/// so that the OpenID Provider's figures can be read as a fraction of what this machine serves at all under its current load.</summary>
internal static class HelloServer
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Get("urls"));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => "Hello World!");
        app.MapPost("/oidc/token", () => "Hello World!"); // the same request as the grants (oidc-token.lua), body ignored
        await app.RunAsync();
        return 0;
    }
}
