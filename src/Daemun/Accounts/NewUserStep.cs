using Daemun.Endpoints;
using Daemun.Errors;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Daemun.Accounts;

/// <summary>The new-user step (<see cref="NewUserOptions"/>): after a new user's first sign-in, the fields the app asks for that the provider
/// did not give. Only those fields can be written here, so the step never overwrites what a provider gave; a typed email is stored unverified.</summary>
internal sealed class NewUserStep(IUserStore store, Urls urls, TimeProvider time, IOptions<DaemunOptions> options)
{
    /// <summary>The fields the step can ask for.</summary>
    public static readonly IReadOnlyList<string> Fields = ["name", "email"];

    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest email accepted (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    private NewUserOptions Settings => options.Value.NewUser;

    /// <summary>The asked fields this user lacks, in <see cref="Fields"/> order.</summary>
    public IReadOnlyList<string> Missing(UserRecord user) =>
        Fields.Where(f => Settings.Ask.Contains(f, StringComparer.Ordinal) && string.IsNullOrWhiteSpace(f == "name" ? user.Name : user.Email)).ToList();

    /// <summary>Where a user created by this sign-in goes before <paramref name="callbackUrl"/>: the app's own page when configured (always),
    /// Daemun's page when an asked field is missing, else nowhere (null). Never without a database: there every sign-in looks new.</summary>
    public string? NextStep(HttpContext context, UserRecord created, string callbackUrl)
    {
        if (!store.KeepsUsers) return null;
        if (options.Value.Pages.NewUser is null && Missing(created).Count == 0) return null;
        return QueryHelpers.AddQueryString(urls.Page(context, "new-user", options.Value.Pages.NewUser), "callbackUrl", callbackUrl);
    }

    /// <summary>Saves the missing asked fields from the form. Blank fields are skipped unless <see cref="NewUserOptions.Required"/>;
    /// anything else the form carries is ignored. Throws <see cref="ErrorCode.InvalidProfile"/> or <see cref="ErrorCode.EmailInUse"/>.</summary>
    public async Task<UserRecord> SaveAsync(string userId, string? name, string? email, CancellationToken ct)
    {
        name = Clean(name);
        email = Clean(email);
        return await store.InTransactionAsync(async tx =>
        {
            var user = await tx.FindUserAsync(userId) ?? throw new DaemunException(ErrorCode.SessionRequired, "the session's user is gone");
            var missing = Missing(user);
            if (Settings.Required && missing.Any(f => (f == "name" ? name : email) is null))
            {
                throw new DaemunException(ErrorCode.InvalidProfile, "a required field of the new-user step is empty");
            }
            var updated = user;
            if (missing.Contains("name") && name is not null)
            {
                if (name.Length > MaxNameLength) throw new DaemunException(ErrorCode.InvalidProfile, "name too long");
                updated = updated with { Name = name };
            }
            if (missing.Contains("email") && email is not null)
            {
                if (!LooksLikeEmail(email)) throw new DaemunException(ErrorCode.InvalidProfile, "malformed email");
                if (await tx.FindUserByEmailAsync(email) is { } other && other.Id != userId)
                {
                    throw new DaemunException(ErrorCode.EmailInUse, "the email belongs to another user");
                }
                updated = updated with { Email = email, EmailVerified = false };
            }
            if (updated != user) await tx.UpdateUserAsync(updated with { UpdatedAt = time.GetUtcNow() });
            return updated;
        }, ct);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>One <c>@</c> with text on both sides, a dot in the domain, no spaces or controls, at most <see cref="MaxEmailLength"/>.
    /// Deliverability is not checked: the address is stored as unverified.</summary>
    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= MaxEmailLength && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
            && email.IndexOf('.', at) is var dot && dot > at + 1 && dot < email.Length - 1
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';');
    }
}
