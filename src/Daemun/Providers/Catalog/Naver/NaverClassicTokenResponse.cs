namespace Daemun.Providers;

/// <summary>Naver's classic token endpoint (<c>/oauth2.0/token</c>, naver.md §2): besides the string <c>expires_in</c>, the code exchange
/// also sends <c>state</c> (documented as required), and errors come with HTTP 200 and an <c>error</c> member.</summary>
internal sealed class NaverClassicTokenResponse : NaverTokenResponse
{
    public override IEnumerable<KeyValuePair<string, string>> CodeExchangeParameters(string state) => [new("state", state)];

    public override bool IsRefusal(int status) => true;
}
