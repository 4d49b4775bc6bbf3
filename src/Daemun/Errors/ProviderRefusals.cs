namespace Daemun.Errors;

/// <summary>The provider error codes a person may read in words on the error page (<c>providerError.{code}</c> in the strings files):
/// RFC 6749 §4.1.2.1 and OpenID Connect Core §3.1.2.6. Only the code is ever shown, never the provider's <c>error_description</c> or
/// <c>error_uri</c>: those are free text and a link the sender of the callback chooses (phishing), so they are neither shown nor logged.</summary>
internal static class ProviderRefusals
{
    /// <summary>Every code with a sentence; <c>access_denied</c> is not here: a cancellation has its own path back to the sign-in page.</summary>
    public static readonly IReadOnlyList<string> Codes =
    [
        "invalid_request", "unauthorized_client", "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable",
        "interaction_required", "login_required", "account_selection_required", "consent_required", "invalid_request_uri",
        "invalid_request_object", "request_not_supported", "request_uri_not_supported", "registration_not_supported",
    ];

    private static readonly HashSet<string> Known = new(Codes, StringComparer.Ordinal);

    /// <summary><paramref name="code"/> when it is on the list (exact, case-sensitive as the specs spell it), else null.</summary>
    public static string? Listed(string? code) => code is not null && Known.Contains(code) ? code : null;

    /// <summary>The strings key of a listed code's sentence.</summary>
    public static string Key(string code) => "providerError." + code;
}
