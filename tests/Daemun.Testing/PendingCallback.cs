namespace Daemun.Tests.Infrastructure;

/// <summary>A sign-in driven up to our callback but not through it: the URL the provider sent the browser to and the state cookie
/// the browser held, captured before the callback deletes it (what a replay or a tamper needs).</summary>
public sealed record PendingCallback(string AuthorizeUrl, string CallbackUrl, string StateCookie)
{
    public const string StateCookieName = "daemun.state";

    /// <summary>POST /signin/{provider}, then the consent page answered with <paramref name="decision"/>.</summary>
    public static async Task<PendingCallback> StartAsync(TestBrowser browser, string provider, string person = "kim", string? callbackUrl = null, string decision = "allow")
    {
        var authorize = await browser.StartAsync(provider, callbackUrl);
        var cookie = browser.Cookie(StateCookieName)?.Value;
        Assert.False(string.IsNullOrEmpty(cookie), "POST /signin set no state cookie");
        var callback = await browser.ConsentAsync(authorize, person, decision);
        return new PendingCallback(authorize, callback, cookie);
    }

    public string? Code => Query(CallbackUrl, "code");

    public string? State => Query(CallbackUrl, "state");

    /// <summary>Values that must never reach a log: the code and the state cookie.</summary>
    public string[] Secrets => [.. new[] { Code, StateCookie }.OfType<string>()];

    /// <summary>The callback URL with one parameter's raw (already URL-encoded) value replaced, or added when absent.</summary>
    public string With(string name, string rawValue) => Rewrite(CallbackUrl, name, rawValue);

    /// <summary>The callback URL without the parameter.</summary>
    public string Without(string name) => Rewrite(CallbackUrl, name, null);

    /// <summary>The callback URL with an extra raw <c>name=value</c> pair appended.</summary>
    public string Plus(string name, string rawValue) => CallbackUrl + "&" + name + "=" + rawValue;

    public static string? Query(string url, string name)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return null;
        foreach (var pair in url[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name) return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return null;
    }

    private static string Rewrite(string url, string name, string? rawValue)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var pairs = url[(q + 1)..].Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)).ToList();
        if (rawValue is not null) pairs.Add(name + "=" + rawValue);
        return url[..q] + "?" + string.Join('&', pairs);
    }
}
