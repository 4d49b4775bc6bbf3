using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Security;

/// <summary>Unguessable values and their stored form: a session token, a CSRF token, a sign-in's state, PKCE verifier and nonce, a pending
/// sign-in's key. A value that proves something is kept only as its <see cref="Hash"/>, so a copy of the database proves nothing.</summary>
internal static class RandomToken
{
    /// <summary>A URL-safe random value of <paramref name="bytes"/> bytes from the system's cryptographic generator (32 bytes: 256 bits).</summary>
    public static string New(int bytes = 32) => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>The SHA-256 of a value, URL-safe: what is stored in place of a value that must not be stored itself.</summary>
    public static string Hash(string value) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
