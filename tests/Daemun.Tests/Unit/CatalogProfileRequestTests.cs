using System.Text.Json;
using System.Text.Json.Nodes;
using Daemun.Emulator.Catalog;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>What the catalog's own profile requests and email selections check, against the recorded shapes and answers changed from them:
/// Slack's and PAYCO's HTTP-200 failures, where PAYCO's and HubSpot's access token goes, and Bitbucket's confirmed primary address.</summary>
public sealed class CatalogProfileRequestTests
{
    // ---- Slack: openid.connect.userInfo answers failures with HTTP 200 and "ok": false ----

    [Fact]
    public void SlackUserInfoWithOkFalseIsAFailureNamedByItsErrorCode()
    {
        var p = ProviderCatalog.For(Slack.Id)!;

        Assert.Equal("invalid_auth", p.Profile.Failure(Element("""{"ok":false,"error":"invalid_auth"}""")));
    }

    [Fact]
    public void SlackUserInfoWithoutOkIsAFailure()
    {
        var p = ProviderCatalog.For(Slack.Id)!;
        var answer = ShapeProfile(Slack.Id);
        answer.Remove("ok");

        Assert.NotNull(p.Profile.Failure(Element(answer)));
    }

    [Fact]
    public void SlackDocumentedUserInfoIsASuccess()
    {
        Assert.Null(ProviderCatalog.For(Slack.Id)!.Profile.Failure(Element(ShapeProfile(Slack.Id))));
    }

    // ---- PAYCO: NHN's envelope (header.isSuccessful, header.resultCode) and the member in data.member ----

    [Fact]
    public void PaycoAnswerWhoseHeaderIsNotSuccessfulIsAFailureNamedByItsResultCode()
    {
        var p = ProviderCatalog.For(Payco.Id)!;
        var answer = ShapeProfile(Payco.Id);
        answer["header"] = JsonNode.Parse("""{"isSuccessful":false,"resultCode":-100,"resultMessage":"invalid access token"}""");

        Assert.Equal("-100", p.Profile.Failure(Element(answer)));
    }

    [Fact]
    public void PaycoAnswerWithANonZeroResultCodeIsAFailureEvenWhenMarkedSuccessful()
    {
        var p = ProviderCatalog.For(Payco.Id)!;
        var answer = ShapeProfile(Payco.Id);
        answer["header"]!["resultCode"] = 1;

        Assert.Equal("1", p.Profile.Failure(Element(answer)));
    }

    [Fact]
    public void PaycoAnswerWithoutTheEnvelopeIsAFailure()
    {
        var p = ProviderCatalog.For(Payco.Id)!;

        Assert.NotNull(p.Profile.Failure(Element("""{"idNo":"3a6f1c0e","email":"payco@example.com"}""")));
    }

    [Fact]
    public void PaycoProfileIsTheMemberInsideData()
    {
        var p = ProviderCatalog.For(Payco.Id)!;

        var member = p.Profile.Profile(Element(ShapeProfile(Payco.Id)));

        Assert.Equal("3a6f1c0e-5e8b-11e5-9d70-feff819cdc9f", Json.Text(member!.Value, "idNo"));
        Assert.Null(p.Profile.Profile(Element("""{"header":{"isSuccessful":true,"resultCode":0},"data":{}}""")));
    }

    [Fact]
    public void PaycoMemberRequestIsAPostWithTheClientIdAndAccessTokenHeadersAndNoAuthorization()
    {
        var p = ProviderCatalog.For(Payco.Id)!;
        p.ClientId = "payco-client";

        using var request = p.Profile.Create(p.UserInfoEndpoint!, "token-value", p);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(p.UserInfoEndpoint, request.RequestUri!.ToString());
        Assert.Equal("payco-client", Assert.Single(request.Headers.GetValues("client_id")));
        Assert.Equal("token-value", Assert.Single(request.Headers.GetValues("access_token")));
        Assert.Null(request.Headers.Authorization);
    }

    // ---- HubSpot: the access token is the last path segment of the token-information URL ----

    [Fact]
    public void HubSpotTokenInformationRequestPutsTheEscapedTokenInThePathAndSendsNoAuthorization()
    {
        var p = ProviderCatalog.For(HubSpot.Id)!;

        using var request = p.Profile.Create(p.UserInfoEndpoint!, "CJSP/5qf+1Kh", p);

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.hubapi.com/oauth/v1/access-tokens/CJSP%2F5qf%2B1Kh", request.RequestUri!.AbsoluteUri);
        Assert.Null(request.Headers.Authorization);
    }

    // ---- Bitbucket: /2.0/user/emails, a paginated list; the primary address counts only when confirmed ----

    [Fact]
    public void BitbucketPrimaryAddressIsVerifiedOnlyWhenConfirmed()
    {
        var emails = ResponseShapes.Find(Bitbucket.Id)!.Emails!;
        emails["values"]![1]!["is_confirmed"] = false;

        var (email, verified) = Bitbucket.PrimaryConfirmedEmail(Element(emails));

        Assert.Equal("emma@example.com", email);
        Assert.False(verified);
    }

    [Fact]
    public void BitbucketNonPrimaryConfirmedAddressIsNotTaken()
    {
        var emails = ResponseShapes.Find(Bitbucket.Id)!.Emails!;
        emails["values"]![1]!["is_primary"] = false;

        Assert.Equal((null, false), Bitbucket.PrimaryConfirmedEmail(Element(emails)));
    }

    private static JsonObject ShapeProfile(string id) => (JsonObject)ResponseShapes.Find(id)!.Profile!;

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
