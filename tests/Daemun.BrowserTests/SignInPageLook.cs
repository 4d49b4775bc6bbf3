namespace Daemun.BrowserTests;

/// <summary>What the sign-in page's provider buttons are called, in the order they are configured.</summary>
internal static class ProviderButtons
{
    public static readonly string[] Order = ["naver", "kakao", "google", "github"];

    public static string[] Names(string language) => language switch
    {
        "ko" => ["네이버 로그인", "카카오 로그인", "Google 로그인", "GitHub 로그인"],
        "en" => ["Sign in with NAVER", "Sign in with Kakao", "Sign in with Google", "Sign in with GitHub"],
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public static string Locale(string language) => language == "ko" ? "ko-KR" : "en-US";
}
