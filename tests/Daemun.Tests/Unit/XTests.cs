using System.Text.Json;
using Daemun.Protocol;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>What is X's own: PKCE with S256 on every authorization request (X requires it), HTTP Basic at the token endpoint, and the
/// profile inside X's <c>data</c> envelope.</summary>
public sealed class XTests
{
    private static ProviderOptions Declaration()
    {
        var p = Twitter.Defaults();
        p.ClientId = "x-client";
        p.ClientSecret = "x-secret";
        return p;
    }

    [Fact]
    public void EveryAuthorizationRequestCarriesAnS256Challenge()
    {
        var p = Declaration();
        var endpoints = new ResolvedEndpoints(p.AuthorizationEndpoint!, p.TokenEndpoint!, p.UserInfoEndpoint, null, null);

        var (url, state) = AuthorizationRequest.Create(p, endpoints, "https://app.example/api/auth/callback/twitter", "/", DateTimeOffset.UtcNow);

        Assert.NotNull(state.CodeVerifier);
        Assert.Contains("code_challenge_method=S256", url, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", url, StringComparison.Ordinal);
        Assert.Contains("scope=users.read%20tweet.read%20users.email", url, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTokenEndpointIsCalledWithHttpBasic()
    {
        var p = Declaration();
        using var request = new HttpRequestMessage(HttpMethod.Post, p.TokenEndpoint);
        var form = new List<KeyValuePair<string, string>>();

        TokenClient.Authenticate(p, p.ClientSecret, p.ClientAuthentication, request, form);

        Assert.Equal("Basic", request.Headers.Authorization?.Scheme);
        Assert.DoesNotContain(form, kv => kv.Key == "client_secret");
    }

    [Fact]
    public void TheProfileIsReadFromTheDataEnvelope()
    {
        var p = Declaration();
        var answer = JsonDocument.Parse("""{"data":{"id":"2244994945","name":"X Dev","username":"XDevelopers","confirmed_email":"dev@example.com"}}""").RootElement;

        var profile = p.Profile.Profile(answer);
        var fields = p.MapProfile(profile!.Value);

        Assert.Equal("2244994945", fields.Id);
        Assert.Equal("X Dev", fields.Name);
        Assert.True(fields.EmailVerified);
    }

    [Theory]
    [InlineData("""{"id":"2244994945","name":"X Dev"}""")]
    [InlineData("""{"errors":[{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}]}""")]
    [InlineData("""{"data":"2244994945"}""")]
    public void AnAnswerWithoutTheDataObjectHoldsNoProfile(string json)
    {
        Assert.Null(Declaration().Profile.Profile(JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void TheProfileRequestAsksForThePictureAndTheConfirmedEmail()
    {
        var p = Declaration();

        using var request = p.Profile.Create(p.UserInfoEndpoint!, "token", p);

        Assert.Equal("https://api.x.com/2/users/me?user.fields=profile_image_url,confirmed_email", request.RequestUri!.ToString());
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
    }
}
