using System.Globalization;
using System.Text.Json;

namespace Daemun.Providers;

/// <summary>How the engine conforms a provider's token endpoint to RFC 6749 (code exchange and refresh). The standard behaviour
/// (<see cref="Standard"/>): the code exchange sends the parameters of §4.1.3 only, an error answer has HTTP 400 or 401 (§5.2) and
/// <c>expires_in</c> is a JSON number (§5.1). A provider that differs declares a subclass that overrides only what differs
/// (Auth.js's <c>token.conform</c>); the engine never names a provider.</summary>
public class TokenResponse
{
    /// <summary>RFC 6749 as written.</summary>
    public static TokenResponse Standard { get; } = new();

    /// <summary>Declares that <c>expires_in</c> may come as a JSON string of digits (<c>"3600"</c>) as well as a number.</summary>
    public bool ExpiresInMayBeString { get; init; }

    /// <summary>Declares that the provider refuses with any HTTP status, 200 included, and an <c>error</c> member.</summary>
    public bool RefusesWithHttp200 { get; init; }

    /// <summary>Declares that the code exchange also sends the sign-in's <c>state</c>, as some providers document.</summary>
    public bool CodeExchangeSendsState { get; init; }

    /// <summary>The HTTP status of a successful answer: 200 by default (RFC 6749 §5.1); a provider that documents another (Qiita: 201) declares
    /// it. Any other status without an error member is a refusal.</summary>
    public int SuccessStatus { get; init; } = 200;

    /// <summary>The member of the answer that carries the access token: <c>access_token</c> by default (RFC 6749 §5.1); Qiita: <c>token</c>.</summary>
    public string AccessTokenMember { get; init; } = "access_token";

    /// <summary>Declares that the token members come wrapped as the first element of a <c>data</c> array (<c>{"data":[{"access_token":…}]}</c>,
    /// Instagram); an answer that is not wrapped is read as it is.</summary>
    public bool WrappedInDataArray { get; init; }

    /// <summary>Parameters the code exchange sends besides RFC 6749 §4.1.3's (and PKCE's <c>code_verifier</c>); none by default.</summary>
    /// <param name="state">The sign-in's <c>state</c>, as sent in the authorization request.</param>
    public virtual IEnumerable<KeyValuePair<string, string>> CodeExchangeParameters(string state) =>
        CodeExchangeSendsState ? [new("state", state)] : [];

    /// <summary>Whether an answer with an <c>error</c> member and this HTTP status is the provider refusing the request (its client, code or
    /// refresh token). By default only 4xx is (RFC 6749 §5.2); an error in a 2xx answer is then a malformed response.</summary>
    public virtual bool IsRefusal(int status) => RefusesWithHttp200 || status >= 400;

    /// <summary>The object that holds the token members within the answer: the answer itself by default, the first element of its
    /// <c>data</c> array when <see cref="WrappedInDataArray"/> is declared; null when the answer has no such object.</summary>
    public virtual JsonElement? Members(JsonElement answer)
    {
        if (!WrappedInDataArray || !answer.TryGetProperty("data", out var data)) return answer;
        return data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0 && data[0].ValueKind == JsonValueKind.Object ? data[0] : null;
    }

    /// <summary>The provider's error code in an error answer; null when the answer is not an error. By default the <c>error</c> member
    /// (RFC 6749 §5.2). A provider with its own error body overrides it and returns a short code, never a description (the engine logs it
    /// reduced to letters, digits, <c>_</c>, <c>-</c> and <c>.</c>).</summary>
    public virtual string? Error(JsonElement answer) => Json.Text(answer, "error");

    /// <summary>The access token's lifetime in seconds read from the <c>expires_in</c> value; null when it is not understood.
    /// By default a JSON integer (RFC 6749 §5.1).</summary>
    public virtual long? ExpiresIn(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? seconds : ExpiresInMayBeString ? IntegerString(value) : null;

    /// <summary>An integer written as a JSON string (<c>"3600"</c>), digits only; null otherwise. For providers that send numbers as strings.</summary>
    protected static long? IntegerString(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;
}
