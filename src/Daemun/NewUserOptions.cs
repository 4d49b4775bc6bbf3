namespace Daemun;

/// <summary>The new-user step (<c>Daemun:NewUser</c>): after a new user's first sign-in, a page asks for what the provider did not give. No password, ever.</summary>
public sealed class NewUserOptions
{
    /// <summary>The fields the app wants: <c>name</c> and/or <c>email</c>. The step is shown only when one of them is missing; with none (the default) it never is.</summary>
    public List<string> Ask { get; set; } = [];
    /// <summary>When true the page has no "skip" and refuses an empty field; when false (default) the person may skip it.</summary>
    public bool Required { get; set; }
}
