namespace Daemun;

/// <summary>The app's own pages in place of Daemun's (<c>Daemun:Pages</c>), as paths on this site (<c>/login</c>). Daemun's URLs keep working and
/// forward there with the same query (<c>callbackUrl</c>, <c>error</c>), so every redirect of the engine reaches the app's page. Unset: Daemun's page.</summary>
public sealed class DaemunPagesOptions
{
    /// <summary>Replaces the sign-in and sign-up pages (<c>/signin</c>, <c>/signup</c>; the latter adds <c>signup=true</c>). Naver-app autologin still starts first.</summary>
    public string? SignIn { get; set; }
    /// <summary>Replaces the error page (<c>/error?error=Code</c>).</summary>
    public string? Error { get; set; }
    /// <summary>Replaces the new-user step: a new user is sent there after the first sign-in (<c>?callbackUrl=…</c>), always.</summary>
    public string? NewUser { get; set; }
    /// <summary>Replaces the account page (<c>/account</c>; failures of its forms come back with <c>?error=Code</c>).</summary>
    public string? Account { get; set; }
}
