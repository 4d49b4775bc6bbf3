namespace Daemun.Providers;

/// <summary>A client secret made when it is needed instead of configured (Apple's ES256 JWT made from the .p8 key). The engine asks for it
/// on every call that authenticates the client (token, refresh, revocation), so a source caches what it made and makes a new one before it
/// expires. A declaration sets it as <see cref="ProviderOptions.ClientSecretSource"/>; the engine never names a provider.</summary>
public abstract class ClientSecretSource
{
    /// <summary>The settings the source reads through <c>setting</c> (each from <c>Daemun:Providers:{id}:{Name}</c>, else the declared
    /// parameter's default); the declaration lists them in <see cref="ProviderOptions.Parameters"/> too, for the documentation.</summary>
    public abstract IReadOnlyList<string> Settings { get; }

    /// <summary>The secret to send now. A missing or unusable setting throws <see cref="DaemunConfigurationException"/> naming its key;
    /// neither the secret nor any key material is ever put in a message.</summary>
    /// <param name="provider">The validated declaration (its id and client id).</param>
    /// <param name="setting">Reads one of <see cref="Settings"/>; null when it is not configured.</param>
    /// <param name="time">The clock that decides the secret's iat and exp and when a new one is made.</param>
    public abstract string GetSecret(ProviderOptions provider, Func<string, string?> setting, TimeProvider time);
}
