namespace Daemun.RelyingParty;

/// <summary>How the test relying party signs people in through Daemun and which audience its API accepts.</summary>
public sealed class RelyingPartyOptions
{
    /// <summary>Daemun's base URL (the OpenID Provider's issuer). It may be set after <see cref="RelyingPartyApp.StartAsync"/> — Daemun's
    /// client configuration needs the app's URL first — but before the app's first request: the schemes read it then.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id registered at Daemun.</summary>
    public required string ClientId { get; init; }

    /// <summary>The client secret of a confidential (<c>web</c>) client; null for a public client (PKCE only).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The scopes asked for at sign-in.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "profile", "email", "offline_access", "providers"];

    /// <summary>How Daemun returns the code: <c>form_post</c> (the handler's default: a page at Daemun posts it to the app) or <c>query</c>
    /// (a redirect).</summary>
    public string ResponseMode { get; init; } = "form_post";

    /// <summary>The audience (<c>aud</c>) the app's own API requires in a bearer token.</summary>
    public string ApiAudience { get; init; } = "rp-api";

    /// <summary>The app's clock (cookies, token lifetimes). Tests pass the site's clock, so the app and Daemun agree on the time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
