using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daemun.Tests.Infrastructure;

/// <summary>The relying-party conformance peer: the OpenID-certified <c>oidc-provider</c> (npm, test-only, tests/peers/oidc-provider) in
/// a node process on free loopback ports, started once for the test collection that uses it (<see cref="OidcProviderPeerCollection"/>)
/// and killed on dispose. Its stderr is kept and shown when something fails (<see cref="Diagnostics"/>).</summary>
public sealed class OidcProviderPeer : IAsyncLifetime, IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private Process? _process;

    /// <summary>The main issuer: client_secret_basic and client_secret_post, PKCE required, rotating refresh tokens.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>A second issuer whose discovery lists only <c>client_secret_post</c> in <c>token_endpoint_auth_methods_supported</c>.</summary>
    public string PostOnlyIssuer { get; private set; } = "";

    /// <summary>What the node process wrote to stderr so far (oidc-provider's warnings and server errors).</summary>
    public string Diagnostics
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>The folder with server.mjs and its package.json / package-lock.json, found from the test binaries upwards.</summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "peers", "oidc-provider");
            if (File.Exists(Path.Combine(candidate, "server.mjs"))) return candidate;
        }
        throw new InvalidOperationException("tests/peers/oidc-provider/server.mjs not found above " + AppContext.BaseDirectory);
    }

    public async Task InitializeAsync()
    {
        var folder = Folder();
        if (!File.Exists(Path.Combine(folder, "node_modules", "oidc-provider", "package.json")))
        {
            throw new InvalidOperationException($"The conformance peer is not installed: run `npm ci --no-audit --no-fund` in {folder} (test.sh does).");
        }
        var start = new ProcessStartInfo("node", ["server.mjs"])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true, // the peer ends when this pipe closes, even if the test host dies without disposing it
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NODE_ENV"] = "test";
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The conformance peer needs Node.js (`node` on PATH; test.sh installs nodejs and npm).", e);
        }
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.AppendLine(e.Data);
        };
        _process.BeginErrorReadLine();

        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            line = null;
        }
        if (line is null) throw new InvalidOperationException("The conformance peer did not start:\n" + Diagnostics);
        var started = JsonNode.Parse(line)!;
        Issuer = (string)started["issuer"]!;
        PostOnlyIssuer = (string)started["postOnlyIssuer"]!;
        foreach (var issuer in new[] { Issuer, PostOnlyIssuer })
        {
            using var discovery = await _http.GetAsync(issuer + "/.well-known/openid-configuration");
            if (discovery.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{issuer}: discovery answered {(int)discovery.StatusCode}\n{Diagnostics}");
        }
    }

    /// <summary>The issuer's discovery document.</summary>
    public async Task<JsonElement> DiscoveryAsync(string issuer)
    {
        using var response = await _http.GetAsync(issuer + "/.well-known/openid-configuration");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Registers a new client (RFC 7591) with a placeholder redirect_uri; <see cref="SetRedirectUriAsync"/> sets the real one once
    /// the site listens. Every test gets its own client, so what one test does at the peer never touches another's.</summary>
    public async Task<OidcPeerClient> RegisterClientAsync(string issuer, string authMethod, string scope = "openid email profile offline_access")
    {
        var metadata = new JsonObject
        {
            ["redirect_uris"] = new JsonArray("http://127.0.0.1/placeholder"),
            ["token_endpoint_auth_method"] = authMethod,
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
            ["response_types"] = new JsonArray("code"),
            ["scope"] = scope,
        };
        var endpoint = (await DiscoveryAsync(issuer)).GetProperty("registration_endpoint").GetString()!;
        using var response = await _http.PostAsJsonAsync(endpoint, metadata);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"registration: {(int)response.StatusCode} {body}\n{Diagnostics}");
        var client = JsonNode.Parse(body)!;
        return new OidcPeerClient(issuer, (string)client["client_id"]!, (string)client["client_secret"]!, authMethod, scope,
            (string)client["registration_client_uri"]!, (string)client["registration_access_token"]!);
    }

    /// <summary>Sets the client's only redirect_uri (RFC 7592 client update).</summary>
    public async Task SetRedirectUriAsync(OidcPeerClient client, string redirectUri)
    {
        var metadata = new JsonObject
        {
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            ["redirect_uris"] = new JsonArray(redirectUri),
            ["token_endpoint_auth_method"] = client.AuthMethod,
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
            ["response_types"] = new JsonArray("code"),
            ["scope"] = client.Scope,
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, client.RegistrationClientUri) { Content = JsonContent.Create(metadata) };
        request.Headers.Authorization = new("Bearer", client.RegistrationAccessToken);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"client update: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{Diagnostics}");
        }
    }

    /// <summary>Test-only admin route: the issuer signs with a new key from now on (the previous one stays published). Returns the new kid.</summary>
    public async Task<string> RotateKeysAsync(string issuer)
    {
        using var response = await _http.PostAsync(issuer + "/admin/rotate-keys", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("kid").GetString()!;
    }

    /// <summary>The kids the issuer's JWKS publishes.</summary>
    public async Task<IReadOnlyList<string>> PublishedKidsAsync(string issuer)
    {
        var jwksUri = (await DiscoveryAsync(issuer)).GetProperty("jwks_uri").GetString()!;
        using var response = await _http.GetAsync(jwksUri);
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
        return [.. keys.EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    /// <summary>Every request the client made to the issuer's token endpoint, in order, as <c>"{grant_type} {HTTP status}"</c>.</summary>
    public async Task<IReadOnlyList<string>> TokenRequestsAsync(OidcPeerClient client)
    {
        using var response = await _http.GetAsync($"{client.Issuer}/admin/token-requests?client_id={Uri.EscapeDataString(client.ClientId)}");
        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. list.EnumerateArray().Select(r => $"{r.GetProperty("grant_type").GetString()} {r.GetProperty("status").GetInt32()}")];
    }

    /// <summary>grant_type=refresh_token at the peer, as the client (its registered authentication method): the answer's status and JSON.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(OidcPeerClient client, string refreshToken)
    {
        var tokenEndpoint = (await DiscoveryAsync(client.Issuer)).GetProperty("token_endpoint").GetString()!;
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        if (client.AuthMethod == "client_secret_basic")
        {
            var pair = $"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret)}";
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else
        {
            form["client_id"] = client.ClientId;
            form["client_secret"] = client.ClientSecret;
        }
        request.Content = new FormUrlEncodedContent(form);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>The peer's userinfo endpoint called with the access token: 200 while it lives, 401 once it is dead.</summary>
    public async Task<HttpStatusCode> UserInfoStatusAsync(string issuer, string accessToken)
    {
        var endpoint = (await DiscoveryAsync(issuer)).GetProperty("userinfo_endpoint").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Walks the browser through the peer (authorize, the interaction that answers at once, resume) until the peer redirects to
    /// a URL under <paramref name="siteBaseUrl"/>; returns that URL (our callback) without requesting it.</summary>
    public async Task<string> FollowToCallbackAsync(TestBrowser browser, string authorizeUrl, string siteBaseUrl)
    {
        var url = authorizeUrl;
        for (var hop = 0; hop < 12; hop++)
        {
            using var response = await browser.GetAsync(url);
            if (response.Headers.Location is not { } location)
            {
                throw new InvalidOperationException($"the peer answered {(int)response.StatusCode} at {url} without a redirect: {await response.Content.ReadAsStringAsync()}\n{Diagnostics}");
            }
            url = new Uri(new Uri(url), location).ToString();
            if (url.StartsWith(siteBaseUrl + "/", StringComparison.Ordinal)) return url;
        }
        throw new InvalidOperationException($"the peer never redirected back to {siteBaseUrl}\n{Diagnostics}");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.StandardInput.Close(); // the peer's signal to stop
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        Dispose();
    }

    public void Dispose()
    {
        _http.Dispose();
        if (_process is { } process && !process.HasExited) process.Kill(entireProcessTree: true);
        _process?.Dispose();
        _process = null;
    }
}
