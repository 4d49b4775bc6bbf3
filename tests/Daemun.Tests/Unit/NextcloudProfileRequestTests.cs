using System.Text.Json;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>Nextcloud's OCS API (docs/providers/nextcloud.md): JSON is asked for explicitly, and a failure inside the <c>ocs</c> envelope is
/// a failed profile call even though the answer is JSON.</summary>
public sealed class NextcloudProfileRequestTests
{
    private static readonly ProviderOptions Provider = ProviderCatalog.For(Nextcloud.Id)!;

    [Fact]
    public void TheProfileCallAsksForJsonWithTheOcsHeaderAndTheBearerToken()
    {
        using var request = Provider.Profile.Create("https://cloud.example.com/ocs/v2.php/cloud/user", "token-value", Provider);

        Assert.Equal("https://cloud.example.com/ocs/v2.php/cloud/user?format=json", request.RequestUri!.AbsoluteUri);
        Assert.Equal("true", Assert.Single(request.Headers.GetValues("OCS-APIRequest")));
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
    }

    [Fact]
    public void AnOcsFailureStatusIsAFailureWithItsStatusCode()
    {
        var answer = JsonDocument.Parse("""{"ocs":{"meta":{"status":"failure","statuscode":997,"message":"Current user is not logged in"},"data":[]}}""").RootElement;

        Assert.Equal("ocs_997", Provider.Profile.Failure(answer));
        Assert.Null(Provider.Profile.Profile(answer));
    }

    [Fact]
    public void AnAnswerWithoutTheOcsEnvelopeIsAFailure()
    {
        var answer = JsonDocument.Parse("""{"id":"frank","email":"frank@domain.tld"}""").RootElement;

        Assert.Equal("ocs_envelope_missing", Provider.Profile.Failure(answer));
    }

    [Fact]
    public void AnOkAnswerIsNoFailureAndItsDataIsTheProfile()
    {
        var answer = JsonDocument.Parse("""{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":{"id":"frank","displayname":"Frank K."}}}""").RootElement;

        Assert.Null(Provider.Profile.Failure(answer));
        Assert.Equal("frank", Nextcloud.Map(Provider.Profile.Profile(answer)!.Value).Id);
    }
}
