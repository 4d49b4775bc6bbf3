namespace Daemun;

/// <summary>How sessions are kept.</summary>
public enum SessionStrategy
{
    /// <summary>An opaque random token in the cookie; its hash and expiry in the <c>sessions</c> table (default).</summary>
    Database,
    /// <summary>The session itself in a Data-Protection-encrypted cookie; no session rows.</summary>
    Cookie,
}
