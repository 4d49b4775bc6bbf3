namespace Daemun.Errors;

/// <summary>What a person and a client see for each <see cref="ErrorCode"/>.</summary>
public static class ErrorCodes
{
    /// <summary>The HTTP status the error page answers with.</summary>
    public static int StatusCode(ErrorCode code) => code switch
    {
        ErrorCode.Configuration => 503,
        ErrorCode.UnknownProvider => 404,
        ErrorCode.MissingCsrf => 403,
        ErrorCode.AccessDenied => 403,
        ErrorCode.OAuthAccountNotLinked or ErrorCode.AccountAlreadyLinked => 409,
        ErrorCode.ProviderUnavailable => 502,
        ErrorCode.InvalidProviderResponse => 502,
        ErrorCode.StoreUnavailable => 503,
        ErrorCode.InvalidNotification => 401,
        ErrorCode.SessionRequired => 401,
        ErrorCode.LastAccount or ErrorCode.EmailInUse => 409,
        ErrorCode.AccountNotLinked => 404,
        ErrorCode.ReauthenticationRequired => 403,
        ErrorCode.AccountDisabled => 403,
        ErrorCode.RateLimited => 429,
        _ => 400,
    };

    /// <summary>What happened and what to do next, in English (JSON errors); pages show it in the person's language (<c>Localization/Strings</c>).</summary>
    public static string Message(ErrorCode code) => Localization.StringFiles.Text(Localization.StringFiles.English, Localization.PageText.ErrorKey(code));

    /// <summary>Parses a code from the error page's query, falling back to <see cref="ErrorCode.Default"/>.</summary>
    public static ErrorCode Parse(string? value) =>
        Enum.TryParse<ErrorCode>(value, ignoreCase: false, out var code) && Enum.IsDefined(code) && !int.TryParse(value, out _)
            ? code
            : ErrorCode.Default;
}
