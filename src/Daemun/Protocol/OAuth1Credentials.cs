namespace Daemun.Protocol;

/// <summary>OAuth 1.0a token credentials (RFC 5849 §2.3): the identifier and its shared secret. An account keeps them, encrypted like any
/// provider token, as its access token in the token endpoint's own form encoding (<c>oauth_token=…&amp;oauth_token_secret=…</c>), so an app
/// calling the provider's API gets both from <c>IProviderTokenService</c>.</summary>
internal sealed record OAuth1Credentials(string Token, string Secret)
{
    /// <summary>The stored form: <c>oauth_token=…&amp;oauth_token_secret=…</c>, each value encoded per RFC 5849 §3.6.</summary>
    public string Encode() => $"oauth_token={OAuth1Signature.Encode(Token)}&oauth_token_secret={OAuth1Signature.Encode(Secret)}";

    /// <summary>Reads the stored form; null when it is not one.</summary>
    public static OAuth1Credentials? Decode(string stored)
    {
        var values = OAuth1Signature.ParseForm(stored);
        var token = values.FirstOrDefault(v => v.Key == "oauth_token").Value;
        var secret = values.FirstOrDefault(v => v.Key == "oauth_token_secret").Value;
        return string.IsNullOrEmpty(token) || secret is null ? null : new(token, secret);
    }

    /// <inheritdoc/>
    public override string ToString() => "OAuth1Credentials"; // the secret never reaches a log through this record
}
