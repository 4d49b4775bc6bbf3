using Daemun.Localization;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>A provider's name inside a Korean sentence takes the particle its last syllable calls for (카카오는, 구글은, 네이버를, 깃허브로), not
/// "카카오은(는)".</summary>
public sealed class KoreanParticleTests
{
    [Theory]
    [InlineData("카카오", "은", "카카오는")]
    [InlineData("네이버", "을", "네이버를")]
    [InlineData("페이코", "이", "페이코가")]
    [InlineData("구글", "는", "구글은")]
    [InlineData("구글", "로", "구글로")] // ㄹ takes 로, not 으로
    [InlineData("깃허브", "으로", "깃허브로")]
    [InlineData("부산", "로", "부산으로")]
    [InlineData("부산", "와", "부산과")]
    [InlineData("Google", "은", "Google은")] // read 구글
    [InlineData("GitHub", "로", "GitHub로")] // read 깃허브
    [InlineData("LINE", "을", "LINE을")] // read 라인
    [InlineData("X", "은", "X는")] // read 엑스
    [InlineData("Zoom", "이", "Zoom이")] // read 줌
    [InlineData("Slack", "로", "Slack으로")] // read 슬랙
    [InlineData("Some Mail", "로", "Some Mail로")] // not in the readings: -l reads ㄹ
    [InlineData("Acme SSO", "은", "Acme SSO는")] // not in the readings: -o reads as a vowel
    [InlineData("Portal 7", "을", "Portal 7을")] // 칠
    [InlineData("Portal 2", "을", "Portal 2를")] // 이
    public void TheParticleFollowsTheLastSyllable(string name, string particle, string expected)
    {
        Assert.Equal(expected, KoreanParticle.Attach(name, particle));
    }

    [Fact]
    public void TheAccountPageSentenceReadsNaturally()
    {
        Assert.StartsWith("카카오는 유일한 로그인 방법이라", StringFiles.Text("ko", "account.lastAccount", "카카오"), StringComparison.Ordinal);
        Assert.StartsWith("Google은 유일한 로그인 방법이라", StringFiles.Text("ko", "account.lastAccount", "Google"), StringComparison.Ordinal);
        Assert.EndsWith("더 이상 GitHub로 로그인할 수 없습니다.", StringFiles.Text("ko", "account.unlinkQuestion", "GitHub"), StringComparison.Ordinal);
        Assert.Equal("네이버로 다시 로그인", StringFiles.Text("ko", "reauth.button", "네이버"));
    }

    [Fact]
    public void NoKoreanStringLeavesTheChoiceToTheReader()
    {
        foreach (var key in StringFiles.Keys("ko"))
        {
            var text = StringFiles.Find("ko", key)!;
            foreach (var both in new[] { "은(는)", "는(은)", "이(가)", "을(를)", "를(을)", "(으)로", "과(와)", "와(과)" })
            {
                Assert.False(text.Contains(both, StringComparison.Ordinal), $"ko.json {key} writes '{both}': use {{0:{both[0]}}} instead");
            }
        }
    }

    public static TheoryData<string> BuiltIns => [.. ProviderCatalog.BuiltInIds];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void EveryBuiltInNameHasAKoreanReading(string id)
    {
        var name = ProviderCatalog.For(id)!.Name;
        var shown = StringFiles.Find("ko", "provider." + id) ?? name;

        Assert.True(shown.All(c => c is >= '\uAC00' and <= '\uD7A3' or ' ') || KoreanParticle.HasReading(shown),
            $"{id}: add \"{shown}\" with its Korean reading to src/Daemun/Localization/KoreanReadings.json");
    }
}
