using System.Buffers.Binary;
using System.Collections;
using System.Security.Cryptography;
using System.Text;

namespace Daemun.Emulator;

/// <summary>Gender as a test person gives it (Naver sends F/M/U, Kakao female/male).</summary>
public enum PersonGender
{
    /// <summary>Naver "U".</summary>
    Unspecified,
    /// <summary>Naver "F", Kakao "female".</summary>
    Female,
    /// <summary>Naver "M", Kakao "male".</summary>
    Male,
}

/// <summary>A person who can sign in at every emulated provider; null values are omitted from responses.</summary>
public sealed record TestPerson
{
    /// <summary>Key used in the consent form (radio value) and the seed for derived provider ids.</summary>
    public required string Id { get; init; }

    /// <summary>Full name as displayed.</summary>
    public required string Name { get; init; }

    /// <summary>Given name (OIDC given_name).</summary>
    public string? GivenName { get; init; }

    /// <summary>Family name (OIDC family_name).</summary>
    public string? FamilyName { get; init; }

    /// <summary>Nickname (Naver nickname, Kakao profile nickname).</summary>
    public string? Nickname { get; init; }

    /// <summary>Email address, or null for a person without one.</summary>
    public string? Email { get; init; }

    /// <summary>Whether the provider has verified <see cref="Email"/>.</summary>
    public bool EmailVerified { get; init; } = true;

    /// <summary>Kakao's is_email_valid.</summary>
    public bool EmailValid { get; init; } = true;

    /// <summary>Gender, or null when unknown.</summary>
    public PersonGender? Gender { get; init; }

    /// <summary>Birth date; Naver/Kakao birthday, birthyear and age range derive from it.</summary>
    public DateOnly? Birthdate { get; init; }

    /// <summary>Korean mobile number in E.164 form, e.g. +821012345678.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>Profile picture URL; a path starting with "/" is served by the emulator itself (so pictures load offline).</summary>
    public string? PictureUrl { get; init; }

    /// <summary>True when the picture is the provider's placeholder (Kakao is_default_image).</summary>
    public bool IsDefaultImage { get; init; }

    /// <summary>Naver unique id; by default a 43-character base64url string derived from <see cref="Id"/>.</summary>
    public string NaverId { get => field ?? DerivedIds.Base64(Id, "naver"); init; }

    /// <summary>Kakao user id (exceeds Int32); derived from <see cref="Id"/> by default.</summary>
    public long KakaoId { get => field != 0 ? field : DerivedIds.Number(Id, "kakao", 2_000_000_000_000, 1_000_000_000_000); init; }

    /// <summary>Google subject (numeric string); derived from <see cref="Id"/> by default.</summary>
    public string GoogleSub { get => field ?? "1" + DerivedIds.Digits(Id, "google", 20); init; }

    /// <summary>Generic OIDC subject; derived from <see cref="Id"/> by default.</summary>
    public string OidcSub { get => field ?? DerivedIds.Base64(Id, "oidc")[..22]; init; }

    /// <summary>GitHub numeric user id; derived from <see cref="Id"/> by default.</summary>
    public long GitHubId { get => field != 0 ? field : DerivedIds.Number(Id, "github", 10_000_000, 90_000_000); init; }

    /// <summary>GitHub login; defaults to <see cref="Id"/>.</summary>
    public string GitHubLogin { get => field ?? Id; init; }

    /// <summary>Whether GitHub's /user shows the email (public email); /user/emails lists it either way.</summary>
    public bool GitHubEmailPublic { get; init; }

    /// <summary>The four seeded people: kim, lee (no email), park (unverified email), jane (English, private GitHub email).</summary>
    public static IReadOnlyList<TestPerson> Seeded { get; } =
    [
        new()
        {
            Id = "kim", Name = "김민준", FamilyName = "김", GivenName = "민준", Nickname = "민준",
            Email = "minjun.kim@example.com", Gender = PersonGender.Male, Birthdate = new DateOnly(1990, 8, 15),
            PhoneNumber = "+821012345678", PictureUrl = "/people/kim/profile.svg",
            NaverId = "rQE_RsS0i5F8mZq3K2xYbVwT9uJcLdHnPo4gAeIs7fU", KakaoId = 3141592653589,
            GoogleSub = "109876543210987654321", GitHubId = 5820473, GitHubLogin = "minjun-kim", GitHubEmailPublic = true,
        },
        new()
        {
            Id = "lee", Name = "이서연", FamilyName = "이", GivenName = "서연", Nickname = "서연",
            Email = null, Gender = PersonGender.Female, Birthdate = new DateOnly(1997, 3, 2),
            PhoneNumber = "+821098765432", PictureUrl = "/people/lee/profile.svg",
            NaverId = "12345678", KakaoId = 2718281828459, GitHubLogin = "seoyeon-lee",
        },
        new()
        {
            Id = "park", Name = "박지훈", FamilyName = "박", GivenName = "지훈", Nickname = "지훈",
            Email = "jihoon.park@example.com", EmailVerified = false, Gender = PersonGender.Male,
            Birthdate = new DateOnly(2001, 11, 30), PictureUrl = "/people/default.svg",
            IsDefaultImage = true, GitHubLogin = "jihoon-park",
        },
        new()
        {
            Id = "jane", Name = "Jane Doe", GivenName = "Jane", FamilyName = "Doe", Nickname = "jane",
            Email = "jane.doe@example.com", Gender = PersonGender.Female, Birthdate = new DateOnly(1985, 1, 20),
            PictureUrl = "/people/jane/profile.svg", GitHubLogin = "janedoe",
        },
    ];
}

/// <summary>Stable per-provider ids derived from a person's key, so they are the same on every run.</summary>
internal static class DerivedIds
{
    public static string Base64(string key, string provider) => System.Buffers.Text.Base64Url.EncodeToString(Hash(key, provider));

    public static long Number(string key, string provider, long min, long span) =>
        min + (long)(BinaryPrimitives.ReadUInt64BigEndian(Hash(key, provider)) % (ulong)span);

    /// <summary>A string of decimal digits (at most 32).</summary>
    public static string Digits(string key, string provider, int count) =>
        string.Concat(Hash(key, provider).Take(count).Select(b => (char)('0' + b % 10)));

    private static byte[] Hash(string key, string provider) => SHA256.HashData(Encoding.UTF8.GetBytes(provider + ":" + key));
}

/// <summary>Thread-safe list of test people; enumeration walks a snapshot.</summary>
internal sealed class PersonList : IList<TestPerson>
{
    private readonly List<TestPerson> items;
    private readonly Lock gate = new();

    public PersonList(IEnumerable<TestPerson> seed) => items = [.. seed];

    public TestPerson? Find(string? id)
    {
        lock (gate) return items.Find(p => p.Id == id);
    }

    public TestPerson[] Snapshot()
    {
        lock (gate) return [.. items];
    }

    public TestPerson this[int index]
    {
        get { lock (gate) return items[index]; }
        set { lock (gate) items[index] = value; }
    }

    public int Count { get { lock (gate) return items.Count; } }
    public bool IsReadOnly => false;
    public void Add(TestPerson item) { lock (gate) items.Add(item); }
    public void Clear() { lock (gate) items.Clear(); }
    public bool Contains(TestPerson item) { lock (gate) return items.Contains(item); }
    public void CopyTo(TestPerson[] array, int arrayIndex) { lock (gate) items.CopyTo(array, arrayIndex); }
    public int IndexOf(TestPerson item) { lock (gate) return items.IndexOf(item); }
    public void Insert(int index, TestPerson item) { lock (gate) items.Insert(index, item); }
    public bool Remove(TestPerson item) { lock (gate) return items.Remove(item); }
    public void RemoveAt(int index) { lock (gate) items.RemoveAt(index); }
    public IEnumerator<TestPerson> GetEnumerator() => ((IEnumerable<TestPerson>)Snapshot()).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

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
