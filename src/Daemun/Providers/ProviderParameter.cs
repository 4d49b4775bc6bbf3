namespace Daemun.Providers;

/// <summary>A setting a declaration needs before it can be used (Auth0's tenant domain), written <c>{Name}</c> in its URLs and read from
/// <c>Daemun:Providers:{id}:{Name}</c>.</summary>
/// <param name="Name">The setting's name, as in the URL placeholder and the configuration key.</param>
/// <param name="Description">One sentence for the documentation and the start-up message when it is missing.</param>
/// <param name="Example">An example value (<c>example.eu.auth0.com</c>).</param>
/// <param name="Default">The value used when configuration gives none; null makes the setting required.</param>
public sealed record ProviderParameter(string Name, string Description, string Example, string? Default = null);
