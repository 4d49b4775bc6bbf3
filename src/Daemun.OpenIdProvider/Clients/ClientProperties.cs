namespace Daemun.OpenIdProvider.Clients;

/// <summary>Names of Daemun's own properties on an OpenIddict application (its <c>Properties</c> JSON).</summary>
internal static class ClientProperties
{
    /// <summary>Where the client comes from: <see cref="FromConfiguration"/> (read-only at run time) or the management API.</summary>
    public const string Source = "daemun_source";
    /// <summary>The value of <see cref="Source"/> for clients from <c>Daemun:OpenIdProvider:Clients</c>.</summary>
    public const string FromConfiguration = "configuration";
    /// <summary>The configured type: web, spa, native or machine.</summary>
    public const string Type = "daemun_type";
    /// <summary>True for first-party apps (no consent page).</summary>
    public const string FirstParty = "daemun_first_party";
    /// <summary>The logo shown on the consent page.</summary>
    public const string LogoUri = "daemun_logo_uri";
    /// <summary>The sector of a pairwise client.</summary>
    public const string PairwiseSector = "daemun_pairwise_sector";
}
