namespace Daemun.Providers;

/// <summary>GitHub's token endpoint: a refused code or refresh token is answered with HTTP 200 and an <c>error</c> member
/// (<c>bad_verification_code</c>, <c>incorrect_client_credentials</c>).</summary>
internal sealed class GitHubTokenResponse : TokenResponse
{
    public override bool IsRefusal(int status) => true;
}
