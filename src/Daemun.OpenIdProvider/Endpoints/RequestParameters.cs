using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Endpoints;

/// <summary>An OpenID Connect request's parameters as name/value pairs — one pair per value of a repeated parameter — for the forms that post
/// a request back (consent, sign-out confirmation) and for the URL a sign-in returns to.</summary>
internal static class RequestParameters
{
    /// <summary>Every non-empty parameter of <paramref name="request"/> except those <paramref name="skip"/> names.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(OpenIddictRequest request, Func<string, bool> skip)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, parameter) in request.GetParameters())
        {
            if (skip(name) || OpenIddictParameter.IsNullOrEmpty(parameter)) continue;
            if ((StringValues?)parameter is { Count: > 0 } strings)
            {
                foreach (var value in strings) pairs.Add(new(name, value ?? ""));
            }
            else
            {
                pairs.Add(new(name, parameter.ToString() ?? ""));
            }
        }
        return pairs;
    }
}
