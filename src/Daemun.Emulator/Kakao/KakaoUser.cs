using System.Globalization;
using System.Text.Json.Nodes;

namespace Daemun.Emulator;

/// <summary>Kakao's user document (/v2/user/me) and OIDC claims for a grant, per docs/providers/kakao.md §3 and §5.</summary>
internal static class KakaoUser
{
    /// <summary>/v2/user/me: a declined item is absent with *_needs_agreement true; a missing value is just absent.</summary>
    public static JsonObject Build(Grant grant, string? picture, DateTimeOffset connectedAt, DateTimeOffset now)
    {
        var person = grant.Person;
        var account = new JsonObject();
        var nickname = grant.Shares("profile_nickname") ? person.Nickname : null;
        var image = grant.Shares("profile_image") ? picture : null;

        account["profile_needs_agreement"] = !grant.Shares("profile_nickname") && !grant.Shares("profile_image");
        account["profile_nickname_needs_agreement"] = !grant.Shares("profile_nickname");
        account["profile_image_needs_agreement"] = !grant.Shares("profile_image");
        var profile = new JsonObject();
        if (nickname is not null)
        {
            profile["nickname"] = nickname;
            profile["is_default_nickname"] = false;
        }
        if (image is not null)
        {
            profile["thumbnail_image_url"] = Thumbnail(image);
            profile["profile_image_url"] = image;
            profile["is_default_image"] = person.IsDefaultImage;
        }
        if (profile.Count > 0) account["profile"] = profile;

        void Add(string item, string name, JsonNode? value)
        {
            account[name + "_needs_agreement"] = !grant.Shares(item);
            if (value is not null && grant.Shares(item)) account[name] = value;
        }

        Add("name", "name", person.Name);
        account["email_needs_agreement"] = !grant.Shares("account_email");
        if (grant.Shares("account_email") && person.Email is not null)
        {
            account["is_email_valid"] = person.EmailValid;
            account["is_email_verified"] = person.EmailVerified;
            account["email"] = person.Email;
        }
        Add("age_range", "age_range", PersonFacts.Age(person, now) is { } age ? AgeRange(age) : null);
        Add("birthyear", "birthyear", person.Birthdate?.Year.ToString(CultureInfo.InvariantCulture));
        Add("birthday", "birthday", person.Birthdate?.ToString("MMdd", CultureInfo.InvariantCulture));
        if (account.ContainsKey("birthday")) account["birthday_type"] = "SOLAR";
        Add("gender", "gender", person.Gender switch { PersonGender.Female => "female", PersonGender.Male => "male", _ => null });
        Add("phone_number", "phone_number", PersonFacts.KakaoPhone(person));

        var user = new JsonObject
        {
            ["id"] = person.KakaoId,
            ["connected_at"] = connectedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var properties = new JsonObject();
        if (nickname is not null) properties["nickname"] = nickname;
        if (image is not null)
        {
            properties["profile_image"] = image;
            properties["thumbnail_image"] = Thumbnail(image);
        }
        if (properties.Count > 0) user["properties"] = properties;
        user["kakao_account"] = account;
        return user;
    }

    /// <summary>OIDC claims Kakao adds for the agreed items: nickname, picture, email.</summary>
    public static JsonObject OidcClaims(Grant grant, string? picture)
    {
        var claims = new JsonObject();
        var person = grant.Person;
        if (grant.Shares("profile_nickname") && person.Nickname is not null) claims["nickname"] = person.Nickname;
        if (grant.Shares("profile_image") && picture is not null) claims["picture"] = picture;
        if (grant.Shares("account_email") && person.Email is not null) claims["email"] = person.Email;
        return claims;
    }

    private static string AgeRange(int age) => age switch
    {
        < 10 => "0~9",
        < 15 => "10~14",
        < 20 => "15~19",
        >= 90 => "90~",
        _ => $"{age / 10 * 10}~{age / 10 * 10 + 9}",
    };

    private static string Thumbnail(string image) => image + (image.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "size=110x110";
}
