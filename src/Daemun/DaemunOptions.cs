namespace Daemun;

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
