using System.Globalization;
using System.Net;
using System.Text;
using Daemun.Emulator;
using Daemun.Protocol;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Tests.Integration;

/// <summary>The emulator's OAuth 1.0a provider as a verifier of the engine's signing (<see cref="OAuth1Signature"/>): a request the engine
/// signs — query and form parameters with spaces, "+", "=", non-ASCII — is accepted; each thing RFC 5849 §3.2 checks, when wrong, is a
/// 400/401 with the documented <c>oauth_problem</c>.</summary>
public sealed class OAuth1EmulatorTests : IAsyncLifetime
{
    private const string Provider = "discogs";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ProviderEmulator _emulator = null!;
    private static readonly HttpClient Http = new();

    public async Task InitializeAsync() =>
        _emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { TimeProvider = _clock, KeyCache = TestSite.Keys });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private string Url => _emulator.OAuth1.EndpointsFor(Provider).RequestTokenEndpoint;
    private string Secret => _emulator.OAuth1.Client(Provider).ClientSecret;

    [Fact]
    public async Task ARequestSignedByTheEngineWithAwkwardParametersIsAccepted()
    {
        using var response = await SendAsync(Signed(Url + "?q=a%20b%2Bc&eq=%3D%253D&jp=%E3%81%AF%E3%81%A6%E3%81%AA", form: "f=x+y&g=%21%2A&h"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("oauth_callback_confirmed=true", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongConsumerSecretIsSignatureInvalid()
    {
        using var response = await SendAsync(Signed(Url, secret: Secret + "x"));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "signature_invalid");
    }

    [Fact]
    public async Task AParameterChangedAfterSigningIsSignatureInvalid()
    {
        using var request = Signed(Url + "?q=1");
        request.RequestUri = new Uri(Url + "?q=2");

        using var response = await SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "signature_invalid");
    }

    [Fact]
    public async Task AReusedNonceIsNonceUsed()
    {
        using var first = await SendAsync(Signed(Url, nonce: "n-once"));
        using var second = await SendAsync(Signed(Url, nonce: "n-once"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertProblemAsync(second, HttpStatusCode.Unauthorized, "nonce_used");
    }

    [Fact]
    public async Task AStaleTimestampIsTimestampRefused()
    {
        using var response = await SendAsync(Signed(Url, timestamp: _clock.GetUtcNow() - TimeSpan.FromMinutes(6)));

        var body = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "timestamp_refused");
        Assert.Contains("oauth_acceptable_timestamps=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownConsumerKeyIsConsumerKeyUnknown()
    {
        using var response = await SendAsync(Signed(Url, consumerKey: "someone-else"));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "consumer_key_unknown");
    }

    [Fact]
    public async Task AnotherSignatureMethodIsRejected()
    {
        using var response = await SendAsync(Signed(Url, method: "PLAINTEXT"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "signature_method_rejected");
    }

    [Fact]
    public async Task AnUnregisteredCallbackIsRejected()
    {
        using var response = await SendAsync(Signed(Url, callback: "https://attacker.example/cb"));

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "parameter_rejected");
        Assert.Contains("oauth_parameters_rejected=oauth_callback", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTokenAtTheAccessTokenEndpointIsTokenRejected()
    {
        using var response = await SendAsync(Signed(_emulator.OAuth1.EndpointsFor(Provider).AccessTokenEndpoint, token: ("made-up", "secret"), callback: null));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "token_rejected");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Http.SendAsync(request);

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string problem)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Contains($"oauth_problem={problem}", body, StringComparison.Ordinal);
        Assert.StartsWith("OAuth realm=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        return body;
    }

    /// <summary>A POST signed by the engine's <see cref="OAuth1Signature"/> as the engine's client signs, each part overridable.</summary>
    private HttpRequestMessage Signed(string url, string? form = null, string? secret = null, string? nonce = null, DateTimeOffset? timestamp = null,
        string? consumerKey = null, string method = OAuth1Signature.HmacSha1, string? callback = "http://127.0.0.1:5000/api/auth/callback/discogs",
        (string Token, string Secret)? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (form is not null) request.Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("oauth_consumer_key", consumerKey ?? _emulator.OAuth1.Client(Provider).ClientId),
            new("oauth_nonce", nonce ?? Guid.NewGuid().ToString("N")),
            new("oauth_signature_method", method),
            new("oauth_timestamp", (timestamp ?? _clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("oauth_version", "1.0"),
        };
        if (callback is not null) parameters.Add(new("oauth_callback", callback));
        if (token is { } t) parameters.Add(new("oauth_token", t.Token));
        var baseString = OAuth1Signature.BaseString("POST", new Uri(url), parameters, OAuth1Signature.ParseForm(form));
        parameters.Add(new("oauth_signature", OAuth1Signature.Sign(baseString, secret ?? Secret, token?.Secret)));
        request.Headers.TryAddWithoutValidation("Authorization", OAuth1Signature.AuthorizationHeader(parameters));
        return request;
    }
}
