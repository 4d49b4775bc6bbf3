using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Daemun.Protocol;

/// <summary>Encrypts and decrypts <see cref="SignInState"/> for its row or cookie.</summary>
internal sealed class SignInStateProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Daemun.SignInState.v1");

    public string Protect(SignInState state) => _protector.Protect(JsonSerializer.Serialize(state));

    /// <summary>Null when the cookie was forged, tampered with, truncated or made with another key.</summary>
    public SignInState? Unprotect(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<SignInState>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
