namespace Daemun.Emulator;

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
