namespace Daemun.OpenIdProvider.Consent;

/// <summary>The person's answer on the consent page, as read by <see cref="ConsentDecision"/>.</summary>
internal enum ConsentAnswer
{
    /// <summary>No answer in this request: a GET, or an authorization request the app itself POSTed. Decide whether to show the page.</summary>
    None,

    /// <summary>"Allow", posted from the consent page with this browser's CSRF token: remember the consent and go on.</summary>
    Allow,

    /// <summary>"Deny", posted from the consent page with this browser's CSRF token: the app gets <c>access_denied</c>.</summary>
    Deny,
}
