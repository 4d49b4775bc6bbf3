namespace Daemun.Emulator;

/// <summary>Why an emulated OAuth 1.0a provider refused a request: the OAuth Problem Reporting extension's <c>oauth_problem</c> value, its
/// HTTP status, and the parameter it names (<c>oauth_parameters_absent</c> / <c>oauth_parameters_rejected</c>), when there is one.</summary>
internal sealed record OAuth1Problem(int Status, string Problem, string? Parameter = null)
{
    public static OAuth1Problem Absent(string parameter) => new(400, "parameter_absent", parameter);
    public static OAuth1Problem Rejected(string parameter) => new(400, "parameter_rejected", parameter);
    public static readonly OAuth1Problem VersionRejected = new(400, "version_rejected");
    public static readonly OAuth1Problem SignatureMethodRejected = new(400, "signature_method_rejected");
    public static readonly OAuth1Problem ConsumerKeyUnknown = new(401, "consumer_key_unknown");
    public static readonly OAuth1Problem TimestampRefused = new(401, "timestamp_refused");
    public static readonly OAuth1Problem NonceUsed = new(401, "nonce_used");
    public static readonly OAuth1Problem SignatureInvalid = new(401, "signature_invalid");
    public static readonly OAuth1Problem TokenRejected = new(401, "token_rejected");
    public static readonly OAuth1Problem TokenUsed = new(401, "token_used");
    public static readonly OAuth1Problem TokenExpired = new(401, "token_expired");
    public static readonly OAuth1Problem VerifierRejected = new(401, "parameter_rejected", "oauth_verifier");
}
