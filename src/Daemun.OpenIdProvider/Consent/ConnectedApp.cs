namespace Daemun.OpenIdProvider.Consent;

/// <summary>An app a person has consented to (one entry per app, over all their valid permanent authorizations of it):
/// <paramref name="AuthorizationId"/> names one of them for the revoke form (revoking it ends all of them), <paramref name="Scopes"/> is what
/// they granted, <paramref name="ConnectedAt"/> when they first did.</summary>
internal sealed record ConnectedApp(string AuthorizationId, string ClientId, string? DisplayName, IReadOnlyList<string> Scopes, DateTimeOffset? ConnectedAt)
{
    /// <summary>The name shown for the app: its display name, else its client id.</summary>
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? ClientId : DisplayName;
}
