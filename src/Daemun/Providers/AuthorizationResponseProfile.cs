using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Fields of the authorization response (besides <c>code</c>, <c>state</c>, <c>error</c>, <c>iss</c>) that add to the profile: Apple
/// sends the person's name only there (<c>user</c>), and only on the first sign-in. They come through the browser and are not signed, so a
/// declaration takes from them only what is harmless to believe (a display name), never an id or an email.</summary>
public abstract class AuthorizationResponseProfile
{
    /// <summary>The fields read; the callback keeps only these, each bounded like every parameter.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>The profile joined with the fields that were present (at least one); an unreadable field leaves the profile as it is.</summary>
    public abstract JsonElement Combine(JsonElement profile, IReadOnlyDictionary<string, string> fields);
}
