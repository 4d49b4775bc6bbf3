using System.Text;

namespace Daemun.Providers;

/// <summary>The provider reference in docs/providers, made from the declarations and <see cref="ProviderSettings"/> so it cannot drift from
/// the code: one page (or, for a hand-written page, one marked block) per built-in, and the index with every provider and every setting.
/// <c>ProviderReferenceTests</c> fails when a file differs, and rewrites them with <c>DAEMUN_UPDATE_DOCS=1</c>.</summary>
internal static class ProviderReference
{
    /// <summary>The markers around the generated part of a page.</summary>
    public const string Begin = "<!-- BEGIN generated from the declaration: edit the code, then run the tests with DAEMUN_UPDATE_DOCS=1 -->";
    public const string End = "<!-- END generated -->";

    /// <summary>The generated block of a built-in's page.</summary>
    public static string Block(ProviderOptions p)
    {
        var s = new StringBuilder();
        s.Append(Begin).Append('\n');
        s.Append("| | |\n|---|---|\n");
        Row(s, "Id", $"`{p.Id}` — `Daemun:Providers:{p.Id}:Enabled=true` turns it on (in Development without credentials the emulator serves it)");
        Row(s, "Protocol", p.Kind switch
        {
            ProviderKind.Oidc when p.IdTokenSignedWithClientSecret => "OpenID Connect (id_token validated against the issuer's keys, or HS256 with the client secret)",
            ProviderKind.Oidc => "OpenID Connect (id_token validated against the issuer's keys)",
            ProviderKind.OAuth1 => "OAuth 1.0a (RFC 5849, HMAC-SHA1)",
            _ => "OAuth 2.0",
        });
        Row(s, "Redirect URI to register", $"`{{origin}}/api/auth/callback/{p.Id}` (with the default base path `/api/auth`)");
        Row(s, "Scopes", p.Scopes.Count == 0 ? "none by default" : $"`{string.Join(p.ScopeSeparator, p.Scopes)}`"
            + (p.ScopeSeparator == " " ? "" : $" (separated by `{p.ScopeSeparator}`)"));
        Row(s, "Checks", string.Join(", ", new[] { "state", p.UsePkce ? "PKCE S256" : null, p.UseNonce ? "nonce" : null }.OfType<string>()));
        Row(s, "Client authentication", ProviderSettings.Find("ClientAuthentication")!.Show(p) + (p.ClientSecretOptional ? " (the secret is optional)" : ""));
        if (TokenRequestText(p) is { } tokenRequest) Row(s, "Token request", tokenRequest);
        Row(s, "Email counts as verified when", p.EmailVerifiedRule.Length > 0
            ? p.EmailVerifiedRule
            : "never: this provider's emails never link accounts by email (unless `TrustEmails`, which is dangerous)");
        if (p.Modes.Count > 0) Row(s, "Modes (`Mode`)", string.Join(", ", p.Modes.Keys.Select(m => $"`{m}`")));
        if (p.DocumentationLinks.Count > 0) Row(s, "The provider's documentation", string.Join("<br>", p.DocumentationLinks.Select(l => $"<{l}>")));
        s.Append('\n');

        s.Append("**Settings** (`Daemun:Providers:").Append(p.Id).Append(":…`; every other setting is in the [index](README.md#settings)):\n\n");
        s.Append("| Key | Declared | Meaning |\n|---|---|---|\n");
        s.Append("| `ClientId` | — | required outside Development |\n");
        s.Append("| `ClientSecret` | — | ").Append(p.ClientSecretOptional || p.ClientAuthentication == ClientAuthentication.None ? "optional" : "required outside Development").Append(" |\n");
        foreach (var parameter in p.Parameters)
        {
            s.Append("| `").Append(parameter.Name).Append("` | ").Append(parameter.Default is null ? "required" : $"`{parameter.Default}`")
                .Append(" | ").Append(parameter.Description).Append(" Example: `").Append(parameter.Example).Append("` |\n");
        }
        foreach (var setting in ProviderSettings.All.Where(x => x.Kind is SettingKind.Url))
        {
            if (setting.Show(p) is { } value) s.Append("| `").Append(setting.Key).Append("` | `").Append(value).Append("` | ").Append(setting.Description).Append(" |\n");
        }
        if (p.UserInfoEndpointRequired is (var what, var example))
        {
            s.Append("| `UserInfoEndpoint` | required | ").Append(what).Append(" Example: `").Append(example).Append("` |\n");
        }
        s.Append('\n');

        s.Append("**Profile** (what maps to what):\n\n| Daemun | The provider's field |\n|---|---|\n");
        Row(s, "account id", Code(p.Fields.Id));
        Row(s, "name", Code(p.Fields.Name));
        Row(s, "email", Code(p.Fields.Email));
        Row(s, "email verified", p.EmailVerifiedRule.Length == 0 ? "never" : Code(p.Fields.EmailVerified));
        Row(s, "image", Code(p.Fields.Image));
        s.Append('\n');

        s.Append("**Minimal configuration** (appsettings.json):\n\n```json\n");
        var values = new List<string> { $"\"ClientId\": \"…\"" };
        if (!p.ClientSecretOptional && p.ClientAuthentication != ClientAuthentication.None) values.Add("\"ClientSecret\": \"…\"");
        values.AddRange(p.Parameters.Where(x => x.Default is null).Select(x => $"\"{x.Name}\": \"{x.Example}\""));
        if (p.UserInfoEndpointRequired is (_, var url)) values.Add($"\"UserInfoEndpoint\": \"{url}\"");
        s.Append("{ \"Daemun\": { \"Providers\": { \"").Append(p.Id).Append("\": { ").Append(string.Join(", ", values)).Append(" } } } }\n```\n");
        s.Append(End).Append('\n');
        return s.ToString();
    }

    /// <summary>What the declaration's <see cref="TokenRequest"/> (and scope name) changes from RFC 6749; null when nothing.</summary>
    private static string? TokenRequestText(ProviderOptions p)
    {
        var t = p.TokenRequest;
        var parts = new List<string>();
        if (t.Format == TokenRequestFormat.Json) parts.Add("POST with a JSON body");
        if (t.Format == TokenRequestFormat.Query) parts.Add("GET with the parameters (the secret too) in the query");
        if (t.ClientIdParameter != "client_id") parts.Add($"the client id is `{t.ClientIdParameter}` (also in the authorization request)");
        if (t.ClientSecretParameter != "client_secret") parts.Add($"the secret is `{t.ClientSecretParameter}`");
        if (t.Parameters.Count > 0) parts.Add("adds " + string.Join(", ", t.Parameters.Select(x => $"`{x.Key}={x.Value}`")));
        if (t.Headers.Count > 0) parts.Add("headers " + string.Join(", ", t.Headers.Select(x => $"`{x.Key}: {x.Value}`")));
        if (t.CallbackParameters.Count > 0) parts.Add("sends the callback's " + string.Join(", ", t.CallbackParameters.Select(x => $"`{x}`")) + " on");
        if (p.ScopeParameter != "scope") parts.Add($"the scopes are `{p.ScopeParameter}` in the authorization request");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>A whole page for a built-in that has no hand-written one.</summary>
    public static string Page(ProviderOptions p) => $"# {p.Name}\n\n{Block(p)}";

    /// <summary>The page with its generated block replaced (or added at the end when the page has none yet).</summary>
    public static string Update(string page, ProviderOptions p)
    {
        var begin = page.IndexOf(Begin, StringComparison.Ordinal);
        var end = page.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? page.TrimEnd() + "\n\n## Reference\n\n" + Block(p) : Replace(page, Block(p));
    }

    /// <summary>The index: every built-in with its protocol and page, then every setting.</summary>
    public static string Index(IEnumerable<ProviderOptions> providers)
    {
        var s = new StringBuilder();
        s.Append("# Providers\n\n").Append(Begin).Append('\n');
        s.Append("Every built-in provider, one declaration each in `src/Daemun/Providers/Catalog/` ([adding one](../adding-a-provider.md)). ");
        s.Append("`Daemun:Providers:{id}:Enabled=true` turns one on; `Type=oidc` or `Type=oauth2` declares any other.\n\n");
        s.Append("| Provider | Id | Protocol | Email verified when |\n|---|---|---|---|\n");
        foreach (var p in providers.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            s.Append("| [").Append(p.Name).Append("](").Append(p.Id).Append(".md) | `").Append(p.Id).Append("` | ")
                .Append(p.Kind switch { ProviderKind.Oidc => "OpenID Connect", ProviderKind.OAuth1 => "OAuth 1.0a", _ => "OAuth 2.0" }).Append(" | ")
                .Append(p.EmailVerifiedRule.Length == 0 ? "never" : p.EmailVerifiedRule).Append(" |\n");
        }
        s.Append("\n## Settings\n\nEvery key under `Daemun:Providers:{id}`, besides `Enabled`, `Type` (`oidc`, `oauth2` or a built-in id), `Mode` (a declaration's ");
        s.Append("alternative, such as `oidc`) and a declaration's own parameters (its page lists them):\n\n| Key | Kind | Meaning |\n|---|---|---|\n");
        foreach (var setting in ProviderSettings.All)
        {
            s.Append("| `").Append(setting.Key).Append("` | ").Append(setting.Kind.ToString().ToLowerInvariant()).Append(" | ").Append(setting.Description).Append(" |\n");
        }
        s.Append(End).Append('\n');
        return s.ToString();
    }

    /// <summary>The README's provider table: name, protocol and page of every built-in, between the markers.</summary>
    public static string ReadmeTable(IEnumerable<ProviderOptions> providers)
    {
        var s = new StringBuilder();
        s.Append(Begin).Append('\n');
        s.Append("| Provider | Id | Type | Docs |\n|---|---|---|---|\n");
        foreach (var p in providers.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            s.Append("| ").Append(p.Name).Append(" | `").Append(p.Id).Append("` | ").Append(p.Kind switch
            {
                ProviderKind.Oidc => "OpenID Connect",
                ProviderKind.OAuth1 => "OAuth 1.0a",
                _ => "OAuth 2.0",
            }).Append(" | [docs/providers/").Append(p.Id).Append(".md](docs/providers/").Append(p.Id).Append(".md) |\n");
        }
        s.Append(End).Append('\n');
        return s.ToString();
    }

    /// <summary><paramref name="text"/> with its generated block replaced by <paramref name="block"/>.</summary>
    public static string Replace(string text, string block)
    {
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? text : text[..begin] + block + text[(end + End.Length)..].TrimStart('\n');
    }

    private static void Row(StringBuilder s, string name, string value) => s.Append("| ").Append(name).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");

    private static string Code(string? path) => string.IsNullOrEmpty(path) ? "—" : $"`{path}`";
}
