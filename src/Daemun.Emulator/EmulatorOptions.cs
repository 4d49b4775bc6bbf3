using Microsoft.Extensions.Logging;

namespace Daemun.Emulator;

/// <summary>Settings of a <see cref="ProviderEmulator"/>; read at request time, so changes apply to the next request.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Loopback port to bind; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Clock behind every expiry, timestamp and token lifetime.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A redirect_uri is accepted when it starts with one of these (stands in for the registered callback URLs).</summary>
    public IList<string> AllowedRedirectUriPrefixes { get; set; } = ["http://127.0.0.1:", "http://localhost:"];

    /// <summary>When true the Kakao app has "client secret" enabled: a missing secret fails with KOE010.</summary>
    public bool KakaoRequireSecret { get; set; }

    /// <summary>When true Google refuses authorize requests without a code_challenge.</summary>
    public bool GoogleRequirePkce { get; set; } = true;

    /// <summary>When true the generic OIDC provider refuses authorize requests without a code_challenge.</summary>
    public bool OidcRequirePkce { get; set; }

    /// <summary>When true (default) each refresh at the generic OIDC provider returns a new refresh_token and the old one stops working (invalid_grant).</summary>
    public bool OidcRotatesRefreshTokens { get; set; } = true;

    /// <summary>Sign in with Apple: the public key (SubjectPublicKeyInfo PEM) of the client's .p8 key. When set, the token endpoint accepts only
    /// a client secret JWT signed ES256 with it (kid <see cref="AppleKeyId"/>, iss <see cref="AppleTeamId"/>, sub the client id, aud
    /// https://appleid.apple.com, live exp at most six months after iat); when null, the published emulator secret (development).</summary>
    public string? AppleClientPublicKeyPem { get; set; }

    /// <summary>The Team ID the Apple client secret's iss must be.</summary>
    public string AppleTeamId { get; set; } = "EMULATOR01";

    /// <summary>The Key ID the Apple client secret's kid must be.</summary>
    public string AppleKeyId { get; set; } = "EMULATORK1";

    /// <summary>Microsoft Entra ID: when set, every id_token's iss names this tenant whatever its tid (a token whose iss does not match its tid).</summary>
    public string? EntraIssuerTenant { get; set; }

    /// <summary>How long an authorization code can be exchanged.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Naver access token lifetime (documented: 3600 s).</summary>
    public TimeSpan NaverAccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Kakao access token lifetime (documented: 21599 s for web).</summary>
    public TimeSpan KakaoAccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(21599);

    /// <summary>Kakao refresh token lifetime (documented: 5183999 s, about two months).</summary>
    public TimeSpan KakaoRefreshTokenLifetime { get; set; } = TimeSpan.FromSeconds(5183999);

    /// <summary>Google access token lifetime (3599 s as Google answers).</summary>
    public TimeSpan GoogleAccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3599);

    /// <summary>Generic OIDC provider access token lifetime.</summary>
    public TimeSpan OidcAccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Lifetime of every id_token (exp - iat).</summary>
    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long <see cref="Fault.Timeout"/> holds a request (wall clock) before answering 504.</summary>
    public TimeSpan TimeoutFaultDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share one cache across the emulators of a test suite to skip slow RSA key generation; null makes fresh keys.</summary>
    public SigningKeyCache? KeyCache { get; set; }

    /// <summary>The app registered at a provider, by provider id, in place of its published one (<c>emulator-{id}-client</c> / <c>emulator-{id}-secret</c>):
    /// for a client whose secret nobody else knows, as at a real provider. The provider field of the record is not used.</summary>
    public IDictionary<string, EmulatorClient> Clients { get; } = new Dictionary<string, EmulatorClient>(StringComparer.Ordinal);

    /// <summary>Adds log providers; by default the emulator logs nowhere.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
