namespace Daemun.Providers;

/// <summary>Every option a provider has under <c>Daemun:Providers:{id}</c>, each described once (<see cref="ProviderSetting"/>). Configuration
/// binding, start-up validation, the emulator's rewriting and the generated reference in docs/providers read this list; besides it only
/// <c>Enabled</c>, <c>Type</c>, <c>Mode</c> (which pick the declaration) and a declaration's own <see cref="ProviderOptions.Parameters"/> exist.</summary>
internal static class ProviderSettings
{
    private static readonly Dictionary<string, ClientAuthentication> ClientAuthentications = new(StringComparer.Ordinal)
    {
        ["client_secret_post"] = ClientAuthentication.ClientSecretPost,
        ["client_secret_basic"] = ClientAuthentication.ClientSecretBasic,
        ["none"] = ClientAuthentication.None,
    };

    private static readonly Dictionary<string, TokenRequestFormat> TokenRequestFormats = new(StringComparer.Ordinal)
    {
        ["form"] = TokenRequestFormat.Form,
        ["json"] = TokenRequestFormat.Json,
        ["query"] = TokenRequestFormat.Query,
    };

    private static readonly Dictionary<string, UnlinkMethod> UnlinkMethods =
        Enum.GetValues<UnlinkMethod>().ToDictionary(m => m.ToString(), m => m, StringComparer.Ordinal);

    public static IReadOnlyList<ProviderSetting> All { get; } =
    [
        // ---- the app registered at the provider
        ProviderSetting.Secret("ClientId", "The client id of the app registered at the provider (some providers call it an API key). Without it, Development serves the provider from the emulator.",
            p => p.ClientId, (p, v) => p.ClientId = v),
        ProviderSetting.Secret("ClientSecret", "The app's client secret. Never logged.", p => p.ClientSecret, (p, v) => p.ClientSecret = v),
        ProviderSetting.Choice("ClientAuthentication", "How the app authenticates at the token endpoint: client_secret_post, client_secret_basic or none.",
            ClientAuthentications, p => p.ClientAuthentication, (p, v) => p.ClientAuthentication = v),
        ProviderSetting.Choice("TokenRequestFormat", "How the token request carries its parameters: form (RFC 6749), json (a JSON body) or query (a GET; the secret is then in a URL, which is never logged).",
            TokenRequestFormats, p => p.TokenRequest.Format, (p, v) => p.TokenRequest = p.TokenRequest with { Format = v }),

        // ---- where the provider is
        ProviderSetting.Url("Issuer", "The OpenID Connect issuer; endpoints not given are read from its discovery document, and every id_token's iss must equal it.",
            EmulatorRole.Endpoint, p => p.Issuer, (p, v) => p.Issuer = v, required: p => p.Kind == ProviderKind.Oidc),
        ProviderSetting.Url("AuthorizationEndpoint", "Where the browser is sent to sign in.",
            EmulatorRole.Discovered, p => p.AuthorizationEndpoint, (p, v) => p.AuthorizationEndpoint = v, required: p => p.Kind != ProviderKind.Oidc),
        ProviderSetting.Url("TokenEndpoint", "Where the authorization code is exchanged for tokens.",
            EmulatorRole.Discovered, p => p.TokenEndpoint, (p, v) => p.TokenEndpoint = v, required: p => p.Kind == ProviderKind.OAuth2),
        ProviderSetting.Url("RequestTokenEndpoint", "OAuth 1.0a: where temporary credentials are requested (RFC 5849 §2.1).",
            EmulatorRole.Endpoint, p => p.RequestTokenEndpoint, (p, v) => p.RequestTokenEndpoint = v, required: p => p.Kind == ProviderKind.OAuth1),
        ProviderSetting.Url("AccessTokenEndpoint", "OAuth 1.0a: where the verifier is exchanged for token credentials (RFC 5849 §2.3).",
            EmulatorRole.Endpoint, p => p.AccessTokenEndpoint, (p, v) => p.AccessTokenEndpoint = v, required: p => p.Kind == ProviderKind.OAuth1),
        ProviderSetting.Url("UserInfoEndpoint", "Where the person's profile is read.",
            EmulatorRole.Endpoint, p => p.UserInfoEndpoint, (p, v) => p.UserInfoEndpoint = v, required: p => p.Kind != ProviderKind.Oidc || p.UserInfoEndpointRequired is not null,
            guide: p => p.UserInfoEndpointRequired is (var what, var example) ? $"{what} For example '{example}'." : null),
        ProviderSetting.Url("JwksUri", "The provider's signing keys (OpenID Connect), when discovery does not name them.",
            EmulatorRole.Discovered, p => p.JwksUri, (p, v) => p.JwksUri = v),
        ProviderSetting.Url("RevocationEndpoint", "RFC 7009 token revocation, used to unlink (Unlink=Revoke).",
            EmulatorRole.Endpoint, p => p.RevocationEndpoint, (p, v) => p.RevocationEndpoint = v, required: p => p.Unlink == UnlinkMethod.Revoke && p.Kind != ProviderKind.Oidc),
        ProviderSetting.Url("UnlinkEndpoint", "The provider's unlink API (Unlink=BearerPost).",
            EmulatorRole.Endpoint, p => p.UnlinkEndpoint, (p, v) => p.UnlinkEndpoint = v, required: p => p.Unlink == UnlinkMethod.BearerPost),
        ProviderSetting.Url("EmailFallbackEndpoint", "A second profile call that gives the email when the profile has none (a list of the person's addresses).",
            EmulatorRole.Endpoint, p => p.EmailFallback?.Endpoint, (p, v) => { if (p.EmailFallback is { } f && v is not null) p.EmailFallback = f with { Endpoint = v }; }),
        ProviderSetting.Url("GrantedItemsEndpoint", "The API that tells which items the person agreed to share (a declaration that has one).",
            EmulatorRole.Endpoint, p => p.GrantedItems?.Endpoint, (p, v) => { if (p.GrantedItems is { } g && v is not null) p.GrantedItems = g with { Endpoint = v }; }),
        ProviderSetting.Url("LogoutEndpoint", "The provider's logout API, called with the person's access token on sign-out (LogoutOnSignOut).",
            EmulatorRole.Endpoint, p => p.LogoutEndpoint, (p, v) => p.LogoutEndpoint = v, required: p => p.LogoutOnSignOut),
        ProviderSetting.Url("BrowserLogoutEndpoint", "The provider's logout page the browser visits after the local sign-out (BrowserLogoutOnSignOut).",
            EmulatorRole.Endpoint, p => p.BrowserLogoutEndpoint, (p, v) => p.BrowserLogoutEndpoint = v, required: p => p.BrowserLogoutOnSignOut),

        // ---- the request
        ProviderSetting.List("Scope", "Scopes requested (space- or comma-separated, or a JSON array); the declaration's required scopes are always added.",
            p => p.Scopes, (p, v) => p.Scopes = v),
        ProviderSetting.Text("ScopeSeparator", "What separates scopes in the authorization request (a space unless the declaration says otherwise).",
            p => p.ScopeSeparator == " " ? "a space" : p.ScopeSeparator, (p, v) => p.ScopeSeparator = v),
        ProviderSetting.Bool("UsePkce", "Send a PKCE S256 challenge (state is always sent).", p => p.UsePkce, (p, v) => p.UsePkce = v),
        ProviderSetting.Bool("UseNonce", "Send and check a nonce (OpenID Connect).", p => p.UseNonce, (p, v) => p.UseNonce = v),
        ProviderSetting.Section("AuthorizationParameters", "Extra authorization request parameters by name.",
            (p, c, _) => { foreach (var item in c.GetChildren()) if (item.Value is not null) p.AuthorizationParameters[item.Key] = item.Value; },
            p => p.AuthorizationParameters.Count == 0 ? null : string.Join(' ', p.AuthorizationParameters.Select(kv => $"{kv.Key}={kv.Value}"))),
        ProviderSetting.Text("UserInfoSubject", "The profile member that must equal the id_token's sub (OpenID Connect).",
            p => p.UserInfoSubject, (p, v) => p.UserInfoSubject = v),
        ProviderSetting.Section("Profile", "Dot paths of Id, Name, Email, EmailVerified and Image in the profile JSON, replacing the declared mapping.",
            ReadProfilePaths, _ => null),

        // ---- the account rules
        ProviderSetting.Bool("AllowEmailLinking", "Link a new account to an existing user with the same verified email (Auth.js's allowDangerousEmailAccountLinking).",
            p => p.AllowEmailLinking, (p, v) => p.AllowEmailLinking = v),
        ProviderSetting.Bool("TrustEmails", "Dangerous: count every email of this provider as verified, whatever it says.",
            p => p.TrustEmails, (p, v) => p.TrustEmails = v),
        ProviderSetting.List("RequiredItems", "Items a sign-in cannot do without (such as email); a sign-in where the person declined one is not completed.",
            p => p.RequiredItems, (p, v) => p.RequiredItems = v),

        // ---- the provider lifecycle
        ProviderSetting.Choice("Unlink", "How a link is removed at the provider: None, Revoke or BearerPost.",
            UnlinkMethods, p => p.Unlink, (p, v) => p.Unlink = v),
        ProviderSetting.Bool("LegacyDeleteFallback", "When revocation fails, unlink with the provider's legacy call (a declaration that has one).",
            p => p.LegacyDeleteFallback, (p, v) => p.LegacyDeleteFallback = v),
        ProviderSetting.Bool("AcceptsUnlinkNotifications", "Accept the provider's unlink notifications at /unlink-notification/{id}.",
            p => p.AcceptsUnlinkNotifications, (p, v) => p.AcceptsUnlinkNotifications = v),
        ProviderSetting.Bool("LogoutOnSignOut", "Call LogoutEndpoint when the person signs out here.", p => p.LogoutOnSignOut, (p, v) => p.LogoutOnSignOut = v),
        ProviderSetting.Bool("BrowserLogoutOnSignOut", "After the local sign-out, send the browser to BrowserLogoutEndpoint.",
            p => p.BrowserLogoutOnSignOut, (p, v) => p.BrowserLogoutOnSignOut = v),

        // ---- the page
        ProviderSetting.Text("Name", "The name on the sign-in button.", p => p.Name, (p, v) => p.Name = v),
        ProviderSetting.Number("Order", "Position on the sign-in page (ascending).", p => p.Order, (p, v) => p.Order = v),
        ProviderSetting.Switch("AutoLogin", "false turns off the declaration's sign-in without a click inside the provider's own app (a declaration that has one).",
            p => p.AutoLogin is not null, (p, on, key) =>
            {
                if (!on) p.AutoLogin = null;
                else if (p.AutoLogin is null) throw new DaemunConfigurationException(key, "is true, but this provider declares no autologin (only false is accepted).");
            }),
    ];

    /// <summary>Finds a setting by key.</summary>
    public static ProviderSetting? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    private static void ReadProfilePaths(ProviderOptions p, Microsoft.Extensions.Configuration.IConfigurationSection profile, string key)
    {
        var d = p.Kind == ProviderKind.Oidc ? new ProfilePaths(Id: "sub") : new ProfilePaths(); // unset paths keep the protocol's id claim
        var paths = new ProfilePaths(profile["Id"] ?? d.Id, profile["Name"] ?? d.Name, profile["Email"] ?? d.Email, profile["EmailVerified"] ?? d.EmailVerified, profile["Image"] ?? d.Image);
        p.MapProfile = GenericOAuth2.ByPaths(paths);
        p.Fields = new(paths.Id, paths.Name, paths.Email, paths.Image, paths.EmailVerified);
    }
}
