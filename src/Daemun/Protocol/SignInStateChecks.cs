using System.Security.Cryptography;
using System.Text;

namespace Daemun.Protocol;

/// <summary>Checks both implementations share.</summary>
internal static class SignInStateChecks
{
    /// <summary>Compares the state a sign-in was started with and the one a callback carries in constant time.</summary>
    public static bool SameState(string issued, string received) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(issued), Encoding.UTF8.GetBytes(received));
}
