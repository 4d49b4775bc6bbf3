namespace Daemun.Accounts;

/// <summary>How a sign-in was resolved to a user.</summary>
public enum SignInOutcome
{
    /// <summary>A known account signed in its user.</summary>
    Returning,
    /// <summary>A new account was linked to the signed-in user, on that user's explicit intent.</summary>
    Linked,
    /// <summary>A new account was linked to the user with the same verified email (provider opted in).</summary>
    LinkedByEmail,
    /// <summary>A new user was created.</summary>
    Created,
}
