namespace Daemun.Providers;

/// <summary>Microsoft Entra ID under Auth.js's older id <c>azure-ad</c>, for configurations written before Azure AD was renamed: the same
/// declaration as <see cref="MicrosoftEntraId"/> (docs/providers/azure-ad.md). New configurations use <c>microsoft-entra-id</c>.</summary>
[BuiltInProvider(Id)]
public static class AzureAd
{
    /// <summary>The legacy provider id (Auth.js: <c>azure-ad</c>).</summary>
    public const string Id = "azure-ad";

    /// <summary>Microsoft Entra ID's declaration under the legacy id.</summary>
    public static ProviderOptions Defaults() => MicrosoftEntraId.Declaration(Id);
}
