using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The provider's side of the callback fails: token, profile, discovery and JWKS endpoints that refuse, break, stall or
/// answer with something else than documented. Helpers (<see cref="SecuritySite"/>, <see cref="PendingCallback"/>, <see cref="Refusal"/>) are in StateTests.cs.</summary>
public sealed class ProviderFailureTests
{
    public static TheoryData<string, Fault> ServerErrorsOnEveryProvider => Cross(SecuritySite.AllProviders, Fault.ServerError, Fault.ServiceUnavailable);

    public static TheoryData<string, Fault> UndocumentedAnswers =>
        Cross(["naver", "kakao", "google", "github"], Fault.MalformedJson, Fault.Html, Fault.EmptyBody, Fault.OversizedBody);

    // ---- token endpoint ----

    [Theory]
    [MemberData(nameof(ServerErrorsOnEveryProvider))]
    public async Task TokenEndpointServerErrorIsProviderUnavailable(string provider, Fault fault)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.Set(SecuritySite.EmulatorId(provider), EmulatorEndpoint.Token, fault);

        await SignInFailsAsync(s, provider, ErrorCode.ProviderUnavailable);
        Assert.Equal(1, s.Emulator.CountRequests(SecuritySite.EmulatorId(provider), EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task TokenEndpointThatDoesNotAnswerIsProviderUnavailableAfterTheConfiguredTimeout()
    {
        await using var s = await SecuritySite.StartAsync(new Dictionary<string, string?> { ["Daemun:ProviderTimeout"] = "00:00:02" });
        s.Emulator.Faults.Set("naver", EmulatorEndpoint.Token, Fault.Timeout);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        var clock = Stopwatch.StartNew();
        using var response = await browser.GetAsync(pending.CallbackUrl);
        clock.Stop();

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.ProviderUnavailable, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(4.5)); // the site's 2 s, not the emulator's 5 s hold
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains("ProviderUnavailable: token: no answer within 2 s", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(UndocumentedAnswers))]
    public async Task TokenEndpointAnswerThatIsNotTheDocumentedJsonIsInvalidProviderResponse(string provider, Fault fault)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.Set(provider, EmulatorEndpoint.Token, fault);

        await SignInFailsAsync(s, provider, ErrorCode.InvalidProviderResponse);
        Assert.Equal(0, s.Emulator.CountRequests(provider, EmulatorEndpoint.UserInfo));
    }

    [Theory]
    [InlineData("naver")]  // HTTP 200 {"error":"invalid_request","error_description":"wrong client id / client secret pair"}
    [InlineData("kakao")]  // HTTP 401 KOE010 invalid_client
    [InlineData("google")] // HTTP 401 invalid_client
    [InlineData("github")] // HTTP 200 incorrect_client_credentials
    public async Task TokenEndpointRefusingTheClientSecretIsTokenRequestFailed(string provider)
    {
        var wrongSecret = $"wrong-{provider}-secret-7Qx2";
        await using var s = await SecuritySite.StartAsync(e => RealConfiguration(e, provider, provider, wrongSecret));

        await SignInFailsAsync(s, provider, ErrorCode.TokenRequestFailed, wrongSecret);
        var token = Assert.Single(s.Emulator.Requests, r => r.Provider == provider && r.Endpoint == EmulatorEndpoint.Token);
        Assert.Equal(wrongSecret, token.Form["client_secret"]);
    }

    [Theory]
    [MemberData(nameof(EveryProvider))]
    public async Task SpentCodeReplayedIntoAnotherBrowsersValidSignInIsTokenRequestFailed(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var person = s.Site.NewBrowser();
        using var replayer = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(person, provider);
        using (var first = await person.GetAsync(pending.CallbackUrl)) Assert.Equal("/", first.Headers.Location!.ToString());
        var ownState = PendingCallback.Query(await replayer.StartAsync(provider), "state")!;

        using var replay = await replayer.GetAsync(pending.With("state", Uri.EscapeDataString(ownState)));

        await Refusal.AssertAsync(s.Site, replayer, replay, ErrorCode.TokenRequestFailed, [.. pending.Secrets, .. person.SiteCookieValues(s.Site)]);
        Assert.Equal(2, s.Emulator.CountRequests(SecuritySite.EmulatorId(provider), EmulatorEndpoint.Token));
        Assert.Equal(1, s.Site.Count("users"));
        Assert.Equal(1, s.Site.Count("sessions"));
        Assert.False((await replayer.SessionAsync()).TryGetProperty("user", out _));
    }

    [Theory]
    [InlineData("kakao")]
    [InlineData("google")]
    [InlineData("github")]
    [InlineData(SecuritySite.Generic)]
    public async Task UnspentCodeInjectedIntoAnotherBrowsersSignInIsRefusedByPkce(string provider)
    {
        // The attacker consents as themselves and stops before the callback; the victim's browser is made to carry the attacker's
        // code with the victim's own valid state. Only PKCE (the victim's verifier does not match the attacker's challenge) stops it.
        await using var s = await SecuritySite.StartAsync();
        using var attacker = s.Site.NewBrowser();
        using var victim = s.Site.NewBrowser();
        var attackers = await PendingCallback.StartAsync(attacker, provider, "lee");
        var victimsState = PendingCallback.Query(await victim.StartAsync(provider), "state")!;

        using var response = await victim.GetAsync(attackers.With("state", Uri.EscapeDataString(victimsState)));

        await Refusal.AssertAsync(s.Site, victim, response, ErrorCode.TokenRequestFailed, attackers.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests(SecuritySite.EmulatorId(provider), EmulatorEndpoint.UserInfo));
    }

    [Fact]
    public async Task UnreachableTokenEndpointIsProviderUnavailable()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var s = await SecuritySite.StartAsync(e => WithTokenEndpoint(e, $"http://127.0.0.1:{port}/token"));

        await SignInFailsAsync(s, "flaky", ErrorCode.ProviderUnavailable);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"access_token\":\"AAAA")] // body cut short
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"access_token\":")] // chunks cut short
    [InlineData("")] // connection closed without an answer
    [InlineData("HTTP/1.1 200 OK\r\nContent-Ty")] // headers cut short
    public async Task TokenEndpointThatDropsTheConnectionMidAnswerIsProviderUnavailable(string answer)
    {
        await using var broken = new BrokenEndpoint(answer);
        await using var s = await SecuritySite.StartAsync(e => WithTokenEndpoint(e, broken.Url));

        await SignInFailsAsync(s, "flaky", ErrorCode.ProviderUnavailable);
    }

    [Fact]
    public async Task TokenEndpointStreamingMoreThanOneMebibyteWithoutContentLengthIsInvalidProviderResponse()
    {
        var chunk = new string('x', 64 * 1024);
        var chunks = string.Concat(Enumerable.Repeat($"{chunk.Length:x}\r\n{chunk}\r\n", 20)); // 1.25 MiB, no Content-Length
        await using var huge = new BrokenEndpoint("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n");
        await using var s = await SecuritySite.StartAsync(e => WithTokenEndpoint(e, huge.Url));

        await SignInFailsAsync(s, "flaky", ErrorCode.InvalidProviderResponse);
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains("InvalidProviderResponse: token: the body exceeds 1048576 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenEndpointRedirectIsNotFollowed()
    {
        await using var broken = new BrokenEndpoint("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n");
        await using var s = await SecuritySite.StartAsync(e => WithTokenEndpoint(e, broken.Url));

        await SignInFailsAsync(s, "flaky", ErrorCode.InvalidProviderResponse);
        Assert.Equal(1, broken.Requests);
    }

    [Fact]
    public async Task TokenAnswerThatIsNotUtf8IsInvalidProviderResponse()
    {
        const string Body = "{\"access_token\":\"\u00FF\u00FE\",\"token_type\":\"bearer\"}"; // written as Latin-1 bytes: FF FE is not UTF-8
        await using var broken = new BrokenEndpoint($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\n\r\n{Body}");
        await using var s = await SecuritySite.StartAsync(e => WithTokenEndpoint(e, broken.Url));

        await SignInFailsAsync(s, "flaky", ErrorCode.InvalidProviderResponse);
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains("InvalidProviderResponse: token: the body is not valid UTF-8", StringComparison.Ordinal));
    }

    // ---- profile endpoint ----

    [Theory]
    [InlineData("naver", Fault.NaverAuthFailed)]   // 401 resultcode 024
    [InlineData("naver", Fault.NaverNoAuthHeader)] // 401 resultcode 028
    [InlineData("kakao", Fault.KakaoInvalidToken)] // 401 code -401
    public async Task ProfileEndpointRefusingTheTokenIsProfileRequestFailed(string provider, Fault fault)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.Set(provider, EmulatorEndpoint.UserInfo, fault);

        await SignInFailsAsync(s, provider, ErrorCode.ProfileRequestFailed);
        var profile = Assert.Single(s.Emulator.Requests, r => r.Provider == provider && r.Endpoint == EmulatorEndpoint.UserInfo);
        Assert.StartsWith("Bearer ", profile.Headers["Authorization"], StringComparison.Ordinal); // the access token is among the secrets checked
        var code = fault == Fault.KakaoInvalidToken ? "code=-401" : fault == Fault.NaverAuthFailed ? "resultcode=024" : "resultcode=028";
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains("ProfileRequestFailed: profile: HTTP 401", StringComparison.Ordinal) && l.Contains(code, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ServerErrorsOnEveryProvider))]
    public async Task ProfileEndpointServerErrorIsProviderUnavailable(string provider, Fault fault)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.Set(SecuritySite.EmulatorId(provider), EmulatorEndpoint.UserInfo, fault);

        await SignInFailsAsync(s, provider, ErrorCode.ProviderUnavailable);
        Assert.Equal(1, s.Emulator.CountRequests(SecuritySite.EmulatorId(provider), EmulatorEndpoint.UserInfo));
    }

    [Theory]
    [MemberData(nameof(UndocumentedAnswers))]
    public async Task ProfileAnswerThatIsNotTheDocumentedJsonIsInvalidProviderResponse(string provider, Fault fault)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.Set(provider, EmulatorEndpoint.UserInfo, fault);

        await SignInFailsAsync(s, provider, ErrorCode.InvalidProviderResponse);
    }

    // ---- discovery and JWKS ----

    [Theory]
    [InlineData("google", Fault.ServerError, ErrorCode.ProviderUnavailable)]
    [InlineData(SecuritySite.Generic, Fault.ServiceUnavailable, ErrorCode.ProviderUnavailable)]
    [InlineData("google", Fault.Html, ErrorCode.InvalidProviderResponse)]
    [InlineData(SecuritySite.Generic, Fault.MalformedJson, ErrorCode.InvalidProviderResponse)]
    [InlineData(SecuritySite.Generic, Fault.EmptyBody, ErrorCode.InvalidProviderResponse)]
    [InlineData("google", Fault.OversizedBody, ErrorCode.InvalidProviderResponse)]
    public async Task DiscoveryFailureStopsTheSignInBeforeItLeavesTheSite(string provider, Fault fault, ErrorCode expected)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.Set(SecuritySite.EmulatorId(provider), EmulatorEndpoint.Discovery, fault);
        using var browser = s.Site.NewBrowser();

        using var response = await browser.PostFormAsync($"/api/auth/signin/{provider}", [new("csrfToken", await browser.CsrfAsync())]);

        await Refusal.AssertAsync(s.Site, browser, response, expected);
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
        Assert.Equal(0, s.Emulator.CountRequests(SecuritySite.EmulatorId(provider), EmulatorEndpoint.Authorize));
    }

    [Fact]
    public async Task DiscoveryDocumentOfAnotherIssuerIsInvalidProviderResponse()
    {
        // configured issuer ".../oidc/" (trailing slash) while the document says ".../oidc": issuers must match exactly
        await using var s = await SecuritySite.StartAsync(e => new Dictionary<string, string?>
        {
            [$"Daemun:Providers:{SecuritySite.Generic}:Issuer"] = e.EndpointsFor("oidc").Issuer + "/",
        });
        using var browser = s.Site.NewBrowser();

        using var response = await browser.PostFormAsync($"/api/auth/signin/{SecuritySite.Generic}", [new("csrfToken", await browser.CsrfAsync())]);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidProviderResponse);
        Assert.Equal(1, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Discovery));
        Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Authorize));
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
    }

    [Theory]
    [InlineData("google")]
    [InlineData(SecuritySite.Generic)]
    public async Task JwksOutageIsProviderUnavailable(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.Set(SecuritySite.EmulatorId(provider), EmulatorEndpoint.Jwks, Fault.ServerError);

        await SignInFailsAsync(s, provider, ErrorCode.ProviderUnavailable);
        Assert.Equal(0, s.Emulator.CountRequests(SecuritySite.EmulatorId(provider), EmulatorEndpoint.UserInfo));
    }

    public static TheoryData<string> EveryProvider => [.. SecuritySite.AllProviders];

    /// <summary>A first sign-in through the consent page that the callback refuses with <paramref name="expected"/>.</summary>
    private static async Task SignInFailsAsync(SecuritySite s, string provider, ErrorCode expected, params string[] secrets)
    {
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, provider);
        using var response = await browser.GetAsync(pending.CallbackUrl);
        await Refusal.AssertAsync(s.Site, browser, response, expected, [.. pending.Secrets, .. secrets]);
        Refusal.AssertNothingWritten(s.Site);
    }

    /// <summary>A provider configured the way an app configures a real one (a ClientId, so the emulator wiring stays out),
    /// pointing at the emulator's endpoints.</summary>
    private static Dictionary<string, string?> RealConfiguration(ProviderEmulator e, string id, string type, string secret)
    {
        var key = $"Daemun:Providers:{id}";
        var endpoints = e.EndpointsFor(type);
        var settings = new Dictionary<string, string?>
        {
            [$"{key}:Type"] = type,
            [$"{key}:ClientId"] = e.Client(type).ClientId,
            [$"{key}:ClientSecret"] = secret,
        };
        if (type == "google")
        {
            settings[$"{key}:Issuer"] = endpoints.Issuer;
            return settings;
        }
        settings[$"{key}:AuthorizationEndpoint"] = endpoints.AuthorizationEndpoint;
        settings[$"{key}:TokenEndpoint"] = endpoints.TokenEndpoint;
        settings[$"{key}:UserInfoEndpoint"] = endpoints.UserInfoEndpoint;
        if (endpoints.EmailsEndpoint is { } emails) settings[$"{key}:EmailFallbackEndpoint"] = emails;
        return settings;
    }

    /// <summary>A Naver-type provider "flaky" served by the emulator's Naver, except for its token endpoint.</summary>
    private static Dictionary<string, string?> WithTokenEndpoint(ProviderEmulator e, string tokenEndpoint)
    {
        var settings = RealConfiguration(e, "flaky", "naver", e.Client("naver").ClientSecret);
        settings["Daemun:Providers:flaky:TokenEndpoint"] = tokenEndpoint;
        return settings;
    }

    private static TheoryData<string, Fault> Cross(IEnumerable<string> providers, params Fault[] faults)
    {
        var data = new TheoryData<string, Fault>();
        foreach (var p in providers)
        {
            foreach (var f in faults) data.Add(p, f);
        }
        return data;
    }

    /// <summary>A loopback HTTP "server" that reads each request, writes <c>answer</c> verbatim (as Latin-1 bytes) and closes the connection.</summary>
    private sealed class BrokenEndpoint : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly byte[] _answer;
        private int _requests;

        public BrokenEndpoint(string answer)
        {
            _answer = Encoding.Latin1.GetBytes(answer);
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/token";

        /// <summary>How many requests it has answered.</summary>
        public int Requests => _requests;

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    await ReadRequestAsync(stream, _stop.Token);
                    Interlocked.Increment(ref _requests);
                    await stream.WriteAsync(_answer, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // stopped
            }
        }

        /// <summary>Reads the headers and the Content-Length body, so closing does not reset the connection.</summary>
        private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken ct)
        {
            var received = new List<byte>();
            var buffer = new byte[4096];
            int end;
            while ((end = IndexOfHeaderEnd(received)) < 0)
            {
                var n = await stream.ReadAsync(buffer, ct);
                if (n == 0) return;
                received.AddRange(buffer.AsSpan(0, n).ToArray());
            }
            var headers = Encoding.ASCII.GetString([.. received.Take(end)]);
            var length = headers.Split("\r\n").Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var left = length - (received.Count - end - 4);
            while (left > 0)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, left)), ct);
                if (n == 0) return;
                left -= n;
            }
        }

        private static int IndexOfHeaderEnd(List<byte> bytes)
        {
            for (var i = 0; i + 3 < bytes.Count; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
            }
            return -1;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
