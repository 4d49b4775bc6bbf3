using Daemun.Protocol;

namespace Daemun.Tests.Unit;

/// <summary>RFC 5849's signature (§3.4) against the RFC's own worked examples: §3.4.1's base string, §1.2's HMAC-SHA1 signatures for
/// Jane's printer and photos, and §3.6's percent-encoding.</summary>
public sealed class OAuth1SignatureTests
{
    /// <summary>§3.4.1.1 (with §3.4.1.3's parameters): query, Authorization header and form body parameters, decoded then re-encoded and sorted.</summary>
    [Fact]
    public void TheBaseStringOfSection341IsTheRfcs()
    {
        var uri = new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        KeyValuePair<string, string>[] protocol =
        [
            new("realm", "Example"), new("oauth_consumer_key", "9djdj82h48djs9d2"), new("oauth_token", "kkk9d7dh3k39sjv7"),
            new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "137131201"), new("oauth_nonce", "7d8f3e4a"),
            new("oauth_signature", "djosJKDKJSD8743243/jdk33klY="),
        ];

        var baseString = OAuth1Signature.BaseString("POST", uri, protocol, OAuth1Signature.ParseForm("c2&a3=2+q"));

        Assert.Equal(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
            + "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
            + "9d7dh3k39sjv7",
            baseString);
    }

    /// <summary>§3.4.1.3.1: "b5" is "=%3D" (decoded once), "+" in a form value is a space, and a name without "=" has the empty value.</summary>
    [Fact]
    public void QueryAndFormParametersAreDecodedAsTheRfcsTableShows()
    {
        var query = OAuth1Signature.ParseForm(new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b").Query);
        var form = OAuth1Signature.ParseForm("c2&a3=2+q");

        Assert.Equal([new("b5", "=%3D"), new("a3", "a"), new("c@", ""), new("a2", "r b")], query);
        Assert.Equal([new("c2", ""), new("a3", "2 q")], form);
    }

    /// <summary>§1.2: the temporary-credential request, signed with the client secret and an empty token secret.</summary>
    [Fact]
    public void TheTemporaryCredentialRequestOfSection12HasTheRfcsSignature()
    {
        KeyValuePair<string, string>[] protocol =
        [
            new("oauth_consumer_key", "dpf43f3p2l4k3l03"), new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "137131200"),
            new("oauth_nonce", "wIjqoS"), new("oauth_callback", "http://printer.example.com/ready"),
        ];

        var baseString = OAuth1Signature.BaseString("POST", new Uri("https://photos.example.net/initiate"), protocol, []);

        Assert.Equal("74KNZJeDHnMBp0EMJ9ZHt/XKycU=", OAuth1Signature.Sign(baseString, "kd94hf93k423kf44", null));
    }

    /// <summary>§1.2: the token request, signed with the client secret and the temporary credentials' secret.</summary>
    [Fact]
    public void TheTokenRequestOfSection12HasTheRfcsSignature()
    {
        KeyValuePair<string, string>[] protocol =
        [
            new("oauth_consumer_key", "dpf43f3p2l4k3l03"), new("oauth_token", "hh5s93j4hdidpola"), new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "137131201"), new("oauth_nonce", "walatlh"), new("oauth_verifier", "hfdp7dh39dks9884"),
        ];

        var baseString = OAuth1Signature.BaseString("POST", new Uri("https://photos.example.net/token"), protocol, []);

        Assert.Equal("gKgrFCywp7rO0OXSjdot/IHF7IU=", OAuth1Signature.Sign(baseString, "kd94hf93k423kf44", "hdhd0244k9j7ao03"));
    }

    /// <summary>§1.2: the protected-resource request with a query, signed with the token credentials' secret.</summary>
    [Fact]
    public void TheProtectedResourceRequestOfSection12HasTheRfcsSignature()
    {
        KeyValuePair<string, string>[] protocol =
        [
            new("realm", "Photos"), new("oauth_consumer_key", "dpf43f3p2l4k3l03"), new("oauth_token", "nnch734d00sl2jdk"),
            new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "137131202"), new("oauth_nonce", "chapoH"),
        ];

        var baseString = OAuth1Signature.BaseString("GET", new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original"), protocol, []);

        Assert.Equal("MdpQcU8iPSUjWoN/UDMsK2sui9I=", OAuth1Signature.Sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
    }

    /// <summary>A different secret gives a different signature (the key is consumer secret &amp; token secret, both encoded).</summary>
    [Fact]
    public void TheSignatureDependsOnBothSecrets()
    {
        var baseString = OAuth1Signature.BaseString("GET", new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original"), [], []);

        var right = OAuth1Signature.Sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00");

        Assert.NotEqual(right, OAuth1Signature.Sign(baseString, "kd94hf93k423kf45", "pfkkdhi9sl3r4s00"));
        Assert.NotEqual(right, OAuth1Signature.Sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s01"));
    }

    /// <summary>§3.4.1.2: scheme and host lower-cased, the default port left out, another port kept, no query.</summary>
    [Theory]
    [InlineData("HTTP://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X")]
    [InlineData("https://www.example.net:8080/?q=1", "https://www.example.net:8080/")]
    [InlineData("https://photos.example.net:443/initiate", "https://photos.example.net/initiate")]
    public void TheBaseStringUriIsTheRfcs(string url, string expected)
    {
        Assert.Equal(expected, OAuth1Signature.BaseStringUri(new Uri(url)));
    }

    /// <summary>§3.6: unreserved characters stay, everything else is %XX of its UTF-8 bytes, upper-case hex, a space as %20 (never "+").</summary>
    [Theory]
    [InlineData("abcABC123-._~", "abcABC123-._~")]
    [InlineData("a b+c", "a%20b%2Bc")]
    [InlineData("=%3D", "%3D%253D")]
    [InlineData("http://printer.example.com/ready", "http%3A%2F%2Fprinter.example.com%2Fready")]
    [InlineData("はてな", "%E3%81%AF%E3%81%A6%E3%81%AA")]
    public void PercentEncodingIsSection36s(string value, string expected)
    {
        Assert.Equal(expected, OAuth1Signature.Encode(value));
    }

    /// <summary>The stored token credentials read back, and their text form names neither value.</summary>
    [Fact]
    public void TokenCredentialsRoundTripAndNeverPrintTheirSecret()
    {
        var credentials = new OAuth1Credentials("nnch734d00sl2jdk", "pfkk dhi9&sl3r4s00");

        Assert.Equal(credentials, OAuth1Credentials.Decode(credentials.Encode()));
        Assert.DoesNotContain("pfkk", credentials.ToString(), StringComparison.Ordinal);
        Assert.Null(OAuth1Credentials.Decode("access-token-of-another-kind"));
    }
}
