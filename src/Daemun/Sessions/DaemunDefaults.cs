namespace Daemun.Sessions;

/// <summary>Names used by Daemun's authentication scheme.</summary>
public static class DaemunDefaults
{
    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "Daemun";
    /// <summary>The claim holding the profile image URL.</summary>
    public const string ImageClaim = "image";
    /// <summary>The claim holding the provider the person signed in with.</summary>
    public const string ProviderClaim = "idp";
    /// <summary>The claim holding when the person last authenticated at that provider (Unix seconds, as OIDC's auth_time).</summary>
    public const string AuthTimeClaim = "auth_time";
}
