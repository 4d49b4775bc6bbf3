namespace Daemun.OpenIdProvider.Clients;

/// <summary>What Daemun needs to know about an app beyond what OpenIddict checks: its name and logo for pages, whether it is first-party
/// (no consent page), and how its <c>sub</c> is formed.</summary>
/// <param name="ApplicationId">The store's id of the OpenIddict application.</param>
/// <param name="ClientId">The client id.</param>
/// <param name="DisplayName">The app's name for people (falls back to the client id).</param>
/// <param name="LogoUri">The app's logo, if any.</param>
/// <param name="FirstParty">Skips the consent page.</param>
/// <param name="PairwiseSector">The sector of a pairwise client; null for a public <c>sub</c>.</param>
internal sealed record OidcClient(string ApplicationId, string ClientId, string DisplayName, string? LogoUri, bool FirstParty, string? PairwiseSector);
