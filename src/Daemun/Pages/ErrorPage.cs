using Daemun.Errors;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The error page: what happened, the code, and a way back. Never a stack trace.</summary>
internal static class ErrorPage
{
    public static string Render(string serviceName, ErrorCode code, string signInPath) => Layout($"{serviceName} — 오류 / Error", $"""
        <h1>로그인 오류 / Sign-in error</h1>
        <div class="error" role="alert"><p>{E(ErrorCodes.Message(code))}</p><p>Error code: <code id="error-code">{E(code.ToString())}</code></p></div>
        <p><a class="button" href="{E(signInPath)}">다시 로그인 / Back to sign-in</a></p>
        """);
}

/// <summary>The sign-out confirmation page.</summary>
internal static class SignOutPage
{
    public static string Render(string serviceName, string signOutPath, string csrfToken, string callbackUrl) => Layout($"{serviceName} — 로그아웃", $"""
        <h1>로그아웃 / Sign out</h1>
        <p class="lead">정말 로그아웃할까요? / Are you sure you want to sign out?</p>
        <form method="post" action="{E(signOutPath)}">
        <input type="hidden" name="csrfToken" value="{E(csrfToken)}">
        <input type="hidden" name="callbackUrl" value="{E(callbackUrl)}">
        <button type="submit" class="plain">로그아웃 / Sign out</button>
        </form>
        """);
}

/// <summary>The step-up page: confirm it is you with your provider before a sensitive page.</summary>
internal static class ReauthenticatePage
{
    public static string Render(string serviceName, IEnumerable<Daemun.Providers.ProviderOptions> providers, Func<Daemun.Providers.ProviderOptions, string> startPath,
        string csrfToken, string callbackUrl, string? name) => Layout($"{serviceName} — 본인 확인 / Confirm it's you", $"""
        <h1>본인 확인 / Confirm it's you</h1>
        <p class="lead">{E(name is null ? "" : name + "님, ")}이 페이지를 보려면 다시 로그인해 주세요. / Please sign in again to continue to this page.</p>
        {string.Concat(providers.Select(p => $"""
        <form method="post" action="{E(startPath(p))}">
        <input type="hidden" name="csrfToken" value="{E(csrfToken)}">
        <input type="hidden" name="callbackUrl" value="{E(callbackUrl)}">
        <input type="hidden" name="reauthenticate" value="true">
        <button type="submit" class="plain" id="reauthenticate-{E(p.Id)}">{E(p.Name)}(으)로 다시 로그인 / Continue with {E(p.Name)}</button>
        </form>
        """))}
        """);
}

/// <summary>Why a sign-in stopped: the person declined items the app requires; a button asks the provider again.</summary>
internal static class ConsentPage
{
    public static string Render(string serviceName, Daemun.Providers.ProviderOptions provider, IReadOnlyList<string> missing, string startPath, string csrfToken, string callbackUrl) =>
        Layout($"{serviceName} — 동의 필요 / Consent needed", $"""
        <h1>동의가 필요합니다 / Consent needed</h1>
        <p class="lead">{E(serviceName)}을(를) 이용하려면 {E(provider.Name)}에서 다음 항목 제공에 동의해 주세요. / To use {E(serviceName)}, please agree to share these items at {E(provider.Name)}:</p>
        <ul id="missing-items">{string.Concat(missing.Select(m => $"<li><code>{E(m)}</code></li>"))}</ul>
        <form method="post" action="{E(startPath)}">
        <input type="hidden" name="csrfToken" value="{E(csrfToken)}">
        <input type="hidden" name="callbackUrl" value="{E(callbackUrl)}">
        <input type="hidden" name="reprompt" value="true">
        <button type="submit" class="plain" id="reprompt">{E(provider.Name)}에서 다시 동의하기 / Agree at {E(provider.Name)}</button>
        </form>
        """);
}
