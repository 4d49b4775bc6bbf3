namespace Daemun;

/// <summary>How sessions are kept.</summary>
public enum SessionStrategy
{
    /// <summary>An opaque random token in the cookie; its hash and expiry in the <c>sessions</c> table (default).</summary>
    Database,
    /// <summary>The session itself in a Data-Protection-encrypted cookie; no session rows.</summary>
    Cookie,
}

/// <summary>Session settings (<c>Daemun:Session</c>).</summary>
public sealed class SessionOptions
{
    /// <summary>Database (default) or Cookie.</summary>
    public SessionStrategy Strategy { get; set; } = SessionStrategy.Database;
    /// <summary>How long an idle session lives (default 30 days).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How often the expiry slides forward at most (default 1 day).</summary>
    public TimeSpan UpdateAge { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Cookie sessions: how long a cookie is trusted before the user row is read again (exists, not disabled, sessions not revoked
    /// since the cookie was issued) and the cookie re-issued (default 5 minutes; 0 checks on every request). Database sessions check every request.</summary>
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Daemun's settings (configuration section <c>Daemun</c>).</summary>
public sealed class DaemunOptions
{
    /// <summary>Where the endpoints live (default <c>/api/auth</c>).</summary>
    public string BasePath { get; set; } = "/api/auth";
    /// <summary>The public origin (<c>https://example.com</c>). When unset, the request's own origin is used.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>The service's name on the sign-in and sign-up pages (and in their titles).</summary>
    public string ServiceName { get; set; } = "Daemun";
    /// <summary>The service's logo above its name on Daemun's pages: a path on this site (<c>/logo.svg</c>) or an https URL. None by default.</summary>
    public string? LogoUrl { get; set; }
    /// <summary>The app's own routes that replace Daemun's pages (like Auth.js's <c>pages</c>).</summary>
    public DaemunPagesOptions Pages { get; set; } = new();
    /// <summary>The step after a new user's first sign-in.</summary>
    public NewUserOptions NewUser { get; set; } = new();
    /// <summary>Where a person lands after sign-in when no callbackUrl was given (default <c>/</c>).</summary>
    public string DefaultCallbackPath { get; set; } = "/";
    /// <summary>Session settings.</summary>
    public SessionOptions Session { get; set; } = new();
    /// <summary>How long a started sign-in may take (default 15 minutes).</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Timeout for each call to a provider (default 10 seconds).</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A provider access token this close to expiry is refreshed before it is handed out (default 60 seconds).</summary>
    public TimeSpan RefreshTokensBefore { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Largest provider response read (default 1 MiB); a larger one is refused.</summary>
    public int MaxProviderResponseBytes { get; set; } = 1 << 20;
    /// <summary>Largest query or form value accepted from a browser (default 4096 characters).</summary>
    public int MaxParameterLength { get; set; } = 4096;
    /// <summary>Force the Secure flag and cookie prefixes; when null they follow the request scheme.</summary>
    public bool? UseSecureCookies { get; set; }
}

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

/// <summary>The new-user step (<c>Daemun:NewUser</c>): after a new user's first sign-in, a page asks for what the provider did not give. No password, ever.</summary>
public sealed class NewUserOptions
{
    /// <summary>The fields the app wants: <c>name</c> and/or <c>email</c>. The step is shown only when one of them is missing; with none (the default) it never is.</summary>
    public List<string> Ask { get; set; } = [];
    /// <summary>When true the page has no "skip" and refuses an empty field; when false (default) the person may skip it.</summary>
    public bool Required { get; set; }
}
