using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>A provider's endpoints after discovery: explicit settings win over the discovery document. <paramref name="Keys"/>: where
/// the id_token's keys come from; <paramref name="TokenAuthentication"/>: the client authentication to use at the token and
/// revocation endpoints; <paramref name="IssParameterSupported"/>: discovery advertised RFC 9207's <c>iss</c> on the authorization response.</summary>
internal sealed record ResolvedEndpoints(string Authorization, string Token, string? UserInfo, string? Jwks, string? Issuer, string? Revocation = null)
{
    /// <summary>Where the id_token's signing keys are read (the discovery document, or a configured JWKS URL).</summary>
    public MetadataSource? Keys { get; init; }

    /// <summary>How the client authenticates at the token and revocation endpoints.</summary>
    public ClientAuthentication TokenAuthentication { get; init; } = ClientAuthentication.ClientSecretPost;

    /// <summary>The provider's discovery advertised <c>authorization_response_iss_parameter_supported</c>.</summary>
    public bool IssParameterSupported { get; init; }
}
