using Microsoft.Extensions.Configuration;

namespace Daemun.Providers;

/// <summary>Reads a provider's overrides from configuration (<c>Daemun:Providers:{id}:*</c>), naming the key on every error.</summary>
internal static class ProviderConfiguration
{
    public static void Apply(ProviderOptions p, IConfigurationSection c, string key)
    {
        p.Name = c["Name"] ?? p.Name;
        p.ClientId = c["ClientId"] ?? p.ClientId;
        p.ClientSecret = c["ClientSecret"] ?? p.ClientSecret;
        p.Issuer = c["Issuer"] ?? p.Issuer;
        p.AuthorizationEndpoint = c["AuthorizationEndpoint"] ?? p.AuthorizationEndpoint;
        p.TokenEndpoint = c["TokenEndpoint"] ?? p.TokenEndpoint;
        p.UserInfoEndpoint = c["UserInfoEndpoint"] ?? p.UserInfoEndpoint;
        p.RequestTokenEndpoint = c["RequestTokenEndpoint"] ?? p.RequestTokenEndpoint;
        p.AccessTokenEndpoint = c["AccessTokenEndpoint"] ?? p.AccessTokenEndpoint;
        p.JwksUri = c["JwksUri"] ?? p.JwksUri;
        p.RevocationEndpoint = c["RevocationEndpoint"] ?? p.RevocationEndpoint;
        p.UnlinkEndpoint = c["UnlinkEndpoint"] ?? p.UnlinkEndpoint;
        p.LegacyDeleteFallback = ReadBool(c, "LegacyDeleteFallback", key) ?? p.LegacyDeleteFallback;
        if (c["RequiredItems"] is { } required) p.RequiredItems = required.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (c["GrantedItemsEndpoint"] is { } granted && p.GrantedItems is { } g) p.GrantedItems = g with { Endpoint = granted };
        p.AcceptsUnlinkNotifications = ReadBool(c, "AcceptsUnlinkNotifications", key) ?? p.AcceptsUnlinkNotifications;
        p.LogoutEndpoint = c["LogoutEndpoint"] ?? p.LogoutEndpoint;
        p.BrowserLogoutEndpoint = c["BrowserLogoutEndpoint"] ?? p.BrowserLogoutEndpoint;
        p.LogoutOnSignOut = ReadBool(c, "LogoutOnSignOut", key) ?? p.LogoutOnSignOut;
        p.BrowserLogoutOnSignOut = ReadBool(c, "BrowserLogoutOnSignOut", key) ?? p.BrowserLogoutOnSignOut;
        p.UserInfoSubject = c["UserInfoSubject"] ?? p.UserInfoSubject;
        if (c["Unlink"] is { } unlink)
        {
            p.Unlink = Enum.TryParse<UnlinkMethod>(unlink, ignoreCase: true, out var m) && Enum.IsDefined(m)
                ? m : throw new DaemunConfigurationException($"{key}:Unlink", $"must be one of {string.Join(", ", Enum.GetNames<UnlinkMethod>())} (got '{unlink}').");
        }
        p.ScopeSeparator = c["ScopeSeparator"] ?? p.ScopeSeparator;
        if (c["Scope"] is { } scope) p.Scopes = scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        else if (c.GetSection("Scope").GetChildren().ToList() is { Count: > 0 } items) p.Scopes = items.Select(i => i.Value?.Trim()).OfType<string>().Where(s => s.Length > 0).ToList(); // a JSON array
        if (c["EmailFallbackEndpoint"] is { } fallback && p.EmailFallback is { } f) p.EmailFallback = f with { Endpoint = fallback };
        if (c["Order"] is { } order) p.Order = int.TryParse(order, out var o) ? o : throw new DaemunConfigurationException($"{key}:Order", $"must be a whole number (got '{order}').");
        if (ReadBool(c, "AutoLogin", key) is { } autoLogin)
        {
            if (!autoLogin) p.AutoLogin = null;
            else if (p.AutoLogin is null) throw new DaemunConfigurationException($"{key}:AutoLogin", "is true, but this provider declares no autologin (only false is accepted).");
        }
        p.UsePkce = ReadBool(c, "UsePkce", key) ?? p.UsePkce;
        p.UseNonce = ReadBool(c, "UseNonce", key) ?? p.UseNonce;
        p.AllowEmailLinking = ReadBool(c, "AllowEmailLinking", key) ?? p.AllowEmailLinking;
        p.TrustEmails = ReadBool(c, "TrustEmails", key) ?? p.TrustEmails;
        if (c["ClientAuthentication"] is { } auth) p.ClientAuthentication = ParseClientAuthentication(auth, $"{key}:ClientAuthentication");
        foreach (var param in c.GetSection("AuthorizationParameters").GetChildren())
        {
            if (param.Value is not null) p.AuthorizationParameters[param.Key] = param.Value;
        }
        var profile = c.GetSection("Profile");
        if (profile.Exists())
        {
            var d = p.Kind == ProviderKind.Oidc ? new ProfilePaths(Id: "sub") : new ProfilePaths(); // unset paths keep the protocol's id claim
            p.MapProfile = GenericOAuth2.ByPaths(new ProfilePaths(
                profile["Id"] ?? d.Id, profile["Name"] ?? d.Name, profile["Email"] ?? d.Email,
                profile["EmailVerified"] ?? d.EmailVerified, profile["Image"] ?? d.Image));
        }
    }

    public static bool? ReadBool(IConfigurationSection c, string name, string key)
    {
        var value = c[name];
        if (value is null) return null;
        return bool.TryParse(value, out var b) ? b : throw new DaemunConfigurationException($"{key}:{name}", $"must be true or false (got '{value}').");
    }

    private static ClientAuthentication ParseClientAuthentication(string value, string key) =>
        value.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "clientsecretpost" => ClientAuthentication.ClientSecretPost,
            "clientsecretbasic" => ClientAuthentication.ClientSecretBasic,
            "none" => ClientAuthentication.None,
            _ => throw new DaemunConfigurationException(key, $"must be client_secret_post, client_secret_basic or none (got '{value}')."),
        };
}
