using System.Globalization;
using System.Threading.RateLimiting;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Logging;
using Daemun.Pages;
using Daemun.Providers;
using Daemun.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary>Applies <see cref="RateLimitOptions"/> to Daemun's own endpoints, as an endpoint filter: fixed-window limiters partitioned by client IP
/// (System.Threading.RateLimiting, the limiters behind ASP.NET Core's rate-limiting middleware). A filter, not the middleware, so that an app
/// calling <c>MapDaemun()</c> gets the limits without <c>UseRateLimiter()</c> in the right place of its pipeline, and an app's own
/// <c>UseRateLimiter()</c> policies neither replace nor double them. A refusal is logged once per client, group and window.</summary>
internal sealed class RateLimits : IDisposable
{
    private readonly Dictionary<RateLimitGroup, (PartitionedRateLimiter<HttpContext> Limiter, TimeSpan Window)> _limiters = [];
    private readonly ExpiringKeys _logged = new(); // (group, client) pairs already logged in their current window
    private readonly ProviderRegistry _providers;
    private readonly RequestLanguage _language;
    private readonly Urls _urls;
    private readonly IOptions<DaemunOptions> _options;
    private readonly ILogger<RateLimits> _logger;
    private readonly TimeProvider _time = TimeProvider.System; // windows are wall-clock, as the limiters' own

    public RateLimits(IOptions<RateLimitOptions> limits, ProviderRegistry providers, RequestLanguage language, Urls urls, IOptions<DaemunOptions> options,
        ILogger<RateLimits> logger)
    {
        (_providers, _language, _urls, _options, _logger) = (providers, language, urls, options, logger);
        Add(RateLimitGroup.SignIn, limits.Value.SignIn);
        Add(RateLimitGroup.Callback, limits.Value.Callback);
        Add(RateLimitGroup.NewUser, limits.Value.NewUser);
    }

    private void Add(RateLimitGroup group, RateLimitRule rule)
    {
        if (rule.PermitLimit < 0) throw new DaemunConfigurationException($"Daemun:RateLimits:{group}:PermitLimit", "must be 0 (no limit) or positive.");
        if (rule.PermitLimit == 0) return;
        if (rule.Window <= TimeSpan.Zero) throw new DaemunConfigurationException($"Daemun:RateLimits:{group}:Window", "must be positive.");
        var limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(Client(context), _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = rule.PermitLimit, Window = rule.Window, QueueLimit = 0, AutoReplenishment = true }));
        _limiters[group] = (limiter, rule.Window);
    }

    /// <summary>Limits <paramref name="endpoint"/> with the group's rule; <paramref name="applies"/> narrows it to some requests (the autologin
    /// GET /signin, not every view of the sign-in page).</summary>
    public TBuilder Limit<TBuilder>(TBuilder endpoint, RateLimitGroup group, Func<HttpContext, bool>? applies = null) where TBuilder : IEndpointConventionBuilder
    {
        if (!_limiters.TryGetValue(group, out var entry)) return endpoint;
        endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (applies is not null && !applies(context)) return await next(invocation);
            using var lease = entry.Limiter.AttemptAcquire(context);
            if (lease.IsAcquired) return await next(invocation);
            return Refuse(context, group, lease, entry.Window);
        });
        return endpoint;
    }

    /// <summary>True when <c>GET /signin</c> would start a provider's autologin at once (the User-Agent of its app): such a view writes a
    /// started sign-in, a plain view of the page does not.</summary>
    public bool StartsAutoLogin(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.ContainsKey("error") || query["autologin"] == "off") return false; // the page then shows the buttons (no loop)
        return _providers.FindAutoLogin(context.Request.Headers.UserAgent.ToString()) is not null;
    }

    private IResult Refuse(HttpContext context, RateLimitGroup group, RateLimitLease lease, TimeSpan window)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : window;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var client = Client(context);
        var now = _time.GetUtcNow();
        if (_logged.TryAdd($"{group}\n{client}", now + window, now)) Log.RateLimited(_logger, group.ToString(), client, seconds);
        if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)) return Respond.Error(ErrorCode.RateLimited);
        var page = ErrorPage.Render(_language.For(context), _options.Value.ServiceName, ErrorCode.RateLimited, _urls.Path(context, "signin"));
        return Html.Page(context, page, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The partition: the client's IP address (IPv4-mapped IPv6 folded to IPv4).</summary>
    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } ip => ip.MapToIPv4().ToString(),
        var ip => ip.ToString(),
    };

    public void Dispose()
    {
        foreach (var (limiter, _) in _limiters.Values) limiter.Dispose();
    }
}
