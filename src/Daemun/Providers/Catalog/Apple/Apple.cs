using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Sign in with Apple, OpenID Connect (issuer <c>https://appleid.apple.com</c>) with three things of its own
/// (docs/providers/apple.md): the client secret is an ES256 JWT made from the .p8 key (<see cref="AppleClientSecret"/>: settings
/// <c>TeamId</c>, <c>KeyId</c>, <c>PrivateKey</c>); the response comes as <c>response_mode=form_post</c>, which Apple requires when name
/// or email is asked for (the callback relays it, see Endpoints/FormPostRelay.cs); and the name is sent only on the person's first
/// authorization, in the <c>user</c> form field (<see cref="AppleUserField"/>), so a later sign-in keeps the stored name.
/// The email is verified when <c>email_verified</c> is true ("true" or true); a private relay address (<c>is_private_email</c>) is
/// verified too and forwards to the person's own mailbox.</summary>
[BuiltInProvider(Id)]
public static class Apple
{
    /// <summary>The provider id (Auth.js: <c>apple</c>).</summary>
    public const string Id = "apple";

    /// <summary>Apple's declaration. <c>ClientId</c> is the Services ID; no <c>ClientSecret</c> is configured.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Apple",
        Kind = ProviderKind.Oidc,
        Issuer = "https://appleid.apple.com",
        Scopes = ["name", "email"],
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        ClientSecretOptional = true, // made by ClientSecretSource from the settings below, never configured
        ClientSecretSource = new AppleClientSecret(),
        Parameters =
        [
            new(AppleClientSecret.TeamIdSetting, "Your Apple Developer Team ID (10 characters, Membership details); the client secret's iss.", "A1B2C3D4E5"),
            new(AppleClientSecret.KeyIdSetting, "The Key ID of the Sign in with Apple private key (10 characters, Certificates, Identifiers & Profiles › Keys).", "ABC123DEFG"),
            new(AppleClientSecret.PrivateKeySetting, "The text of that key's .p8 file (PEM, -----BEGIN PRIVATE KEY-----…); keep it in a secret store. Never logged.",
                "-----BEGIN PRIVATE KEY-----\\nMIGTAgEAMBMG…\\n-----END PRIVATE KEY-----"),
        ],
        AuthorizationParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["response_mode"] = "form_post" },
        AuthorizationResponseProfile = new AppleUserField(),
        MapProfile = Map,
        Fields = new("sub", "name", "email", null, "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true (Apple sends the string \"true\" or a boolean); private relay addresses (is_private_email) count as verified",
        Unlink = UnlinkMethod.Revoke,
        RevocationEndpoint = "https://appleid.apple.com/auth/revoke",
        DocumentationLinks =
        [
            "https://developer.apple.com/documentation/sign_in_with_apple/request_an_authorization_to_the_sign_in_with_apple_server",
            "https://developer.apple.com/documentation/accountorganizationaldatasharing/creating-a-client-secret",
            "https://developer.apple.com/documentation/sign_in_with_apple/authenticating-users-with-sign-in-with-apple",
            "https://developer.apple.com/documentation/sign_in_with_apple/revoke_tokens",
            "https://developer.apple.com/design/human-interface-guidelines/sign-in-with-apple",
        ],
        // Apple's HIG: a black (or white) button reading "Sign in with Apple", with the Apple logo
        Style = new("#000000", "#FFFFFF", LogoSvg:
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 20\" width=\"20\" height=\"20\" aria-hidden=\"true\"><path fill=\"#FFFFFF\" transform=\"scale(0.8333)\" "
            + "d=\"M12.152 6.896c-.948 0-2.415-1.078-3.96-1.04-2.04.027-3.91 1.183-4.961 3.014-2.117 3.675-.546 9.103 1.519 12.09 1.013 1.454 2.208 3.09 3.792 3.039 "
            + "1.52-.065 2.09-.987 3.935-.987 1.831 0 2.35.987 3.96.948 1.637-.026 2.676-1.48 3.676-2.948 1.156-1.688 1.636-3.325 1.662-3.415-.039-.013-3.182-1.221-3.22-4.857"
            + "-.026-3.04 2.48-4.494 2.597-4.559-1.429-2.09-3.623-2.324-4.39-2.376-2-.156-3.675 1.09-4.61 1.09zM15.53 3.83c.843-1.012 1.4-2.427 1.245-3.83-1.207.052-2.662.805"
            + "-3.532 1.818-.78.896-1.454 2.338-1.273 3.714 1.338.104 2.715-.688 3.559-1.701\"/></svg>"),
    };

    /// <summary>The id_token's claims (Apple has no userinfo endpoint), joined with the first sign-in's <c>user</c> name by
    /// <see cref="AppleUserField"/>: <c>sub</c>, that <c>name</c> (absent on later sign-ins, when the stored one is kept), <c>email</c>
    /// verified by <c>email_verified</c>; Apple sends no picture.</summary>
    public static ProfileFields Map(JsonElement claims) => new(
        Json.Text(claims, "sub"),
        Json.Text(claims, "name"),
        Json.Text(claims, "email"),
        Json.Bool(claims, "email_verified"),
        null);
}
