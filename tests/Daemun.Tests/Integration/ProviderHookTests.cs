using System.Net;
using System.Text.Json;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>The hooks the engine calls instead of naming a provider: the standard behaviour (RFC 6749, RFC 7009, RP-Initiated Logout) is
/// the default, and only a provider's own folder declares what differs (Naver's and GitHub's token answers, Kakao's <c>{"id"}</c> replies and
/// browser logout page, Naver's unlink notification receiver).</summary>
public sealed class ProviderHookTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void TheStandardTokenResponseIsRfc6749()
    {
        var standard = TokenResponse.Standard;

        Assert.Empty(standard.CodeExchangeParameters("s"));
        Assert.False(standard.IsRefusal(200));
        Assert.True(standard.IsRefusal(400));
        Assert.Equal(3600, standard.ExpiresIn(Parse("3600")));
        Assert.Null(standard.ExpiresIn(Parse("\"3600\"")));
    }

    [Fact]
    public void NaverAndGitHubDeclareTheirTokenAnswers()
    {
        var classic = Naver.Defaults().TokenResponse;
        var oidc = Naver.OidcDefaults().TokenResponse;
        var github = GitHub.Defaults().TokenResponse;

        Assert.Equal([new("state", "s")], classic.CodeExchangeParameters("s"));
        Assert.True(classic.IsRefusal(200));
        Assert.Equal(3600, classic.ExpiresIn(Parse("\"3600\"")));
        Assert.Null(classic.ExpiresIn(Parse("\"-1\"")));
        Assert.Empty(oidc.CodeExchangeParameters("s"));
        Assert.False(oidc.IsRefusal(200));
        Assert.Equal(3600, oidc.ExpiresIn(Parse("\"3600\"")));
        Assert.True(github.IsRefusal(200));
        Assert.Null(github.ExpiresIn(Parse("\"3600\"")));
        Assert.Same(TokenResponse.Standard, Kakao.Defaults().TokenResponse);
        Assert.Same(TokenResponse.Standard, Google.Defaults().TokenResponse);
    }

    [Fact]
    public void TheStandardTokenAnswerIs200WithAccessTokenAndAnErrorMember()
    {
        var standard = TokenResponse.Standard;
        var wrapped = Parse("""{"data":[{"access_token":"t"}]}""");

        Assert.Equal(200, standard.SuccessStatus);
        Assert.Equal("access_token", standard.AccessTokenMember);
        Assert.Equal(wrapped.GetRawText(), standard.Members(wrapped)!.Value.GetRawText()); // no envelope unless declared
        Assert.Equal("invalid_grant", standard.Error(Parse("""{"error":"invalid_grant"}""")));
        Assert.Null(standard.Error(Parse("""{"id":"api.oauth.get_access_token.expired_code.app_error","message":"invalid_grant: x","status_code":400}""")));
    }

    [Fact]
    public void QiitaInstagramAndMattermostDeclareTheirTokenAnswers()
    {
        var qiita = Qiita.Defaults().TokenResponse;
        var instagram = Instagram.Defaults().TokenResponse;
        var mattermost = Mattermost.Defaults().TokenResponse;

        Assert.Equal(201, qiita.SuccessStatus);
        Assert.Equal("token", qiita.AccessTokenMember);
        Assert.Equal("t1", instagram.Members(Parse("""{"data":[{"access_token":"t1","user_id":"1"}]}"""))!.Value.GetProperty("access_token").GetString());
        Assert.Equal("t2", instagram.Members(Parse("""{"access_token":"t2","user_id":1}"""))!.Value.GetProperty("access_token").GetString()); // flat, as older docs show
        Assert.Null(instagram.Members(Parse("""{"data":[]}""")));
        Assert.Null(instagram.Members(Parse("""{"data":"t"}""")));
        Assert.Equal("invalid_grant", mattermost.Error(Parse(
            """{"id":"api.oauth.get_access_token.expired_code.app_error","message":"invalid_grant: Invalid or expired authorization code.","detailed_error":"","request_id":"r","status_code":400}""")));
        Assert.Equal("api.oauth.get_access_token.expired_code.app_error", mattermost.Error(Parse(
            """{"id":"api.oauth.get_access_token.expired_code.app_error","message":"Ungültiger Code.","status_code":400}"""))); // another language: the id
        Assert.Equal("invalid_client", mattermost.Error(Parse("""{"error":"invalid_client"}""")));
        Assert.Null(mattermost.Error(Parse("""{"access_token":"t","token_type":"bearer","expires_in":2591999}""")));
    }

    [Fact]
    public void KakaoConfirmsAnUnlinkOrLogoutOnlyByItsIdAnswerWhileTheStandardTakesAnyOk()
    {
        var kakao = Kakao.Defaults();

        Assert.True(kakao.UnlinkRequest.Confirms(Parse("""{"id":1234567890}""")));
        Assert.False(kakao.UnlinkRequest.Confirms(Parse("{}")));
        Assert.False(kakao.UnlinkRequest.Confirms(null));
        Assert.True(kakao.LogoutRequest.Confirms(Parse("""{"id":1234567890}""")));
        Assert.False(kakao.LogoutRequest.Confirms(Parse("""{"msg":"ok"}""")));
        Assert.True(UnlinkRequest.Standard.Confirms(Parse("{}")));
        Assert.True(LogoutRequest.Standard.Confirms(null));
    }

    [Fact]
    public void TheBrowserLogoutPageTakesKakaosParametersForKakaoAndRpInitiatedLogoutsOtherwise()
    {
        var kakao = Kakao.Defaults();
        kakao.ClientId = "kakao-key";
        var generic = GenericOidc.Defaults();
        generic.ClientId = "app";
        generic.BrowserLogoutEndpoint = "https://idp.example/logout";

        var atKakao = QueryHelpers.ParseQuery(new Uri(kakao.LogoutRequest.BrowserLogoutUrl(kakao, "https://app.example/bye", "st")).Query);
        var standard = QueryHelpers.ParseQuery(new Uri(generic.LogoutRequest.BrowserLogoutUrl(generic, "https://app.example/bye", "st")).Query);

        Assert.Equal("https://app.example/bye", atKakao["logout_redirect_uri"].ToString());
        Assert.Equal("kakao-key", atKakao["client_id"].ToString());
        Assert.False(atKakao.ContainsKey("post_logout_redirect_uri"));
        Assert.Equal("https://app.example/bye", standard["post_logout_redirect_uri"].ToString());
        Assert.Equal("st", standard["state"].ToString());
        Assert.False(standard.ContainsKey("logout_redirect_uri"));
    }

    [Fact]
    public async Task AProviderThatAcceptsNotificationsButDeclaresNoReceiverIsUnknownAtTheNotificationEndpoint()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync(new()
        {
            ["Daemun:Providers:acme:Type"] = "oauth2",
            ["Daemun:Providers:acme:AuthorizationEndpoint"] = "https://acme.example/authorize",
            ["Daemun:Providers:acme:TokenEndpoint"] = "https://acme.example/token",
            ["Daemun:Providers:acme:UserInfoEndpoint"] = "https://acme.example/me",
            ["Daemun:Providers:acme:ClientId"] = "acme-client",
            ["Daemun:Providers:acme:ClientSecret"] = "a-real-acme-secret",
            ["Daemun:Providers:acme:AcceptsUnlinkNotifications"] = "true",
        });
        var site = naver.Site;
        Assert.Null(site.Server.App.Services.GetRequiredService<ProviderRegistry>().Find("acme")!.UnlinkNotifications);

        using var response = await site.Emulator.SendNaverUnlinkNotificationAsync(new Uri(site.BaseUrl + "/api/auth/unlink-notification/acme"), "kim");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("UnknownProvider", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }
}
