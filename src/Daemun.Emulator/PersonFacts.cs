namespace Daemun.Emulator;

/// <summary>Values derived from a person's data the way Korean providers present them.</summary>
internal static class PersonFacts
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    /// <summary>Age in full years on the given day (Korean time).</summary>
    public static int? Age(TestPerson person, DateTimeOffset now)
    {
        if (person.Birthdate is not { } born) return null;
        var today = DateOnly.FromDateTime(now.ToOffset(Kst).DateTime);
        var age = today.Year - born.Year;
        return today < born.AddYears(age) ? age - 1 : age;
    }

    /// <summary>National format with dashes, e.g. 010-1234-5678, from +821012345678.</summary>
    public static string? KoreanMobile(TestPerson person) =>
        Subscriber(person) is { } s ? "0" + s[..2] + "-" + s[2..^4] + "-" + s[^4..] : null;

    /// <summary>Kakao's format, e.g. +82 10-1234-5678.</summary>
    public static string? KakaoPhone(TestPerson person) =>
        Subscriber(person) is { } s ? "+82 " + s[..2] + "-" + s[2..^4] + "-" + s[^4..] : null;

    private static string? Subscriber(TestPerson person) =>
        person.PhoneNumber is { Length: >= 11 } e164 && e164.StartsWith("+82", StringComparison.Ordinal) ? e164[3..] : null;
}
