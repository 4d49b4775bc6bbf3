namespace Daemun.Providers;

/// <summary>How the client authenticates at the token endpoint.</summary>
public enum ClientAuthentication
{
    /// <summary>client_id and client_secret in the form body.</summary>
    ClientSecretPost,
    /// <summary>HTTP Basic with client_id and client_secret.</summary>
    ClientSecretBasic,
    /// <summary>Public client: client_id only.</summary>
    None,
}
