using System.Security.Cryptography;
using System.Text;
using Daemun.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Daemun.Sessions;

/// <summary>Double-submit CSRF tokens: the cookie holds the token encrypted, the form posts it in the clear; they must match.</summary>
internal sealed class CsrfTokens(IDataProtectionProvider dataProtection, DaemunCookies cookies)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Daemun.Csrf.v1");
    private const string ItemKey = "Daemun.CsrfToken";

    /// <summary>This browser's token, issuing one (and its cookie) when it has none.</summary>
    public string GetOrCreate(HttpContext context)
    {
        if (context.Items[ItemKey] is string cached) return cached;
        var token = FromCookie(context);
        if (token is null)
        {
            token = RandomToken.New();
            cookies.Write(context, DaemunCookies.Csrf, _protector.Protect(token), Lifetime);
        }
        context.Items[ItemKey] = token;
        return token;
    }

    /// <summary>True only when the posted token equals the one in this browser's cookie.</summary>
    public bool IsValid(HttpContext context, string? posted)
    {
        var expected = FromCookie(context);
        return expected is not null && posted is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(posted));
    }

    private string? FromCookie(HttpContext context)
    {
        if (cookies.Read(context, DaemunCookies.Csrf) is not { } value) return null;
        try
        {
            return _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
