using System.Text.Json;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>What the consumer providers' declarations (Facebook … Vimeo) read differently from a plain profile: envelopes whose result code
/// says a call failed, VK ID's form POST, and the mapping rules the recorded shapes alone do not pin down.</summary>
public sealed class CatalogConsumerProviderTests
{
    [Fact]
    public void TikTokUserInfoWithAnErrorCodeOtherThanOkIsAFailure()
    {
        var answer = Parse("""{"data":{},"error":{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"202206221854370101130062072500FFA2"}}""");

        Assert.Equal("access_token_invalid", Declared(TikTok.Id).Profile.Failure(answer));
    }

    [Fact]
    public void TikTokUserInfoWithoutAnErrorObjectIsAFailure()
    {
        Assert.NotNull(Declared(TikTok.Id).Profile.Failure(Parse("""{"data":{"user":{"open_id":"x"}}}""")));
    }

    [Fact]
    public void BungieAnswerWhoseErrorStatusIsNotSuccessIsAFailureEvenWithHttp200()
    {
        var answer = Parse("""{"ErrorCode":99,"ThrottleSeconds":0,"ErrorStatus":"WebAuthRequired","Message":"Please sign-in to continue.","MessageData":{}}""");

        Assert.Equal("WebAuthRequired", Declared(Bungie.Id).Profile.Failure(answer));
    }

    [Fact]
    public void DeezerAnswerWithAnErrorObjectIsAFailureEvenWithHttp200()
    {
        var answer = Parse("""{"error":{"type":"OAuthException","message":"Invalid OAuth access token.","code":300}}""");

        Assert.Equal("error 300", Declared(Deezer.Id).Profile.Failure(answer));
    }

    [Fact]
    public async Task VkIdUserInfoIsAFormPostWithClientIdAndAccessTokenAndNoAuthorizationHeader()
    {
        var p = Declared(Vk.Id);
        p.ClientId = "51234567";

        using var request = p.Profile.Create(p.UserInfoEndpoint!, "vk2.a.token", p);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://id.vk.com/oauth2/user_info", request.RequestUri!.ToString());
        Assert.Null(request.Headers.Authorization);
        var form = await request.Content!.ReadAsStringAsync();
        Assert.Equal("client_id=51234567&access_token=vk2.a.token", form);
    }

    [Fact]
    public void YandexGivesNoImageWhenTheAvatarIsEmpty()
    {
        var fields = Yandex.Map(Parse("""{"id":"1000034426","login":"ivan","default_avatar_id":"0/0-0","is_avatar_empty":true}"""));

        Assert.Null(fields.Image);
    }

    [Fact]
    public void YandexFallsBackToTheFirstOfEmailsWhenThereIsNoDefaultEmail()
    {
        var fields = Yandex.Map(Parse("""{"id":"1000034426","emails":["first@yandex.ru","second@yandex.ru"]}"""));

        Assert.Equal("first@yandex.ru", fields.Email);
        Assert.False(fields.EmailVerified);
    }

    [Fact]
    public void TumblrAccountIsThePrimaryBlogWhereverItStandsInTheList()
    {
        var fields = Tumblr.Map(Parse("""
            {"meta":{"status":200,"msg":"OK"},"response":{"user":{"name":"derekg","blogs":[
              {"name":"side","uuid":"t:side","primary":false},
              {"name":"derekg","uuid":"t:main","primary":true}]}}}
            """));

        Assert.Equal("t:main", fields.Id);
    }

    [Fact]
    public void TumblrWithoutAPrimaryBlogHasNoAccountId()
    {
        var fields = Tumblr.Map(Parse("""{"response":{"user":{"name":"derekg","blogs":[{"name":"side","uuid":"t:side","primary":false}]}}}"""));

        Assert.Null(fields.Id);
    }

    [Fact]
    public void RedditIconUrlIsUnescaped()
    {
        var fields = Reddit.Map(Parse("""{"id":"1w72","name":"spez","icon_img":"https://styles.redditmedia.com/a.png?width=256&amp;height=256"}"""));

        Assert.Equal("https://styles.redditmedia.com/a.png?width=256&height=256", fields.Image);
    }

    [Fact]
    public void BungieRelativePicturePathIsMadeAbsoluteOnBungieNet()
    {
        var fields = Bungie.Map(Parse("""{"bungieNetUser":{"membershipId":"1","displayName":"G","profilePicturePath":"img/profile/avatars/a.jpg"}}"""));

        Assert.Equal("https://www.bungie.net/img/profile/avatars/a.jpg", fields.Image);
        Assert.Equal("G", fields.Name);
    }

    [Fact]
    public void VimeoIdIsTheLastSegmentOfTheUserUri()
    {
        var fields = Vimeo.Map(Parse("""{"uri":"/users/152184","name":"Staff Picks"}"""));

        Assert.Equal("152184", fields.Id);
        Assert.Null(fields.Image);
    }

    [Fact]
    public void StravaInt64AthleteIdKeepsEveryDigit()
    {
        var fields = Strava.Map(Parse("""{"id":1234567890987654321,"firstname":"Marianne","lastname":"Teutenberg"}"""));

        Assert.Equal("1234567890987654321", fields.Id);
    }

    [Fact]
    public void TwitchAsksForItsProfileClaimsInBothTheIdTokenAndUserinfo()
    {
        var claims = Parse(Declared(Twitch.Id).AuthorizationParameters["claims"]);

        foreach (var target in new[] { "id_token", "userinfo" })
        {
            var requested = claims.GetProperty(target);
            foreach (var claim in new[] { "email", "email_verified", "picture", "preferred_username" })
            {
                Assert.True(requested.TryGetProperty(claim, out _), $"{target} lacks {claim}");
            }
        }
    }

    [Fact]
    public void BattleNetRegionDefaultsToUsSoTheIssuerResolvesWithoutConfiguration()
    {
        var p = Declared(BattleNet.Id);

        var region = Assert.Single(p.Parameters);
        Assert.Equal("Region", region.Name);
        Assert.Equal("us", region.Default);
        Assert.Equal("https://us.battle.net/oauth", p.Issuer!.Replace("{Region}", region.Default, StringComparison.Ordinal));
    }

    [Fact]
    public void BungieApiKeyIsRequiredAndSentAsXApiKey()
    {
        var p = Declared(Bungie.Id);

        var apiKey = Assert.Single(p.Parameters);
        Assert.Equal("ApiKey", apiKey.Name);
        Assert.Null(apiKey.Default);
        Assert.Equal("{ApiKey}", p.Profile.Headers["X-API-Key"]);
    }

    private static ProviderOptions Declared(string id) => ProviderCatalog.For(id) ?? throw new InvalidOperationException($"no declaration {id}");

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
