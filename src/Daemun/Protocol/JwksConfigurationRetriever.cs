using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.Protocol;

/// <summary>Reads a configured JWKS URL (no discovery) into a configuration that holds only the key set.</summary>
internal sealed class JwksConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var json = await retriever.GetDocumentAsync(address, cancel);
        var configuration = new OpenIdConnectConfiguration { JwksUri = address, JsonWebKeySet = new JsonWebKeySet(json) };
        foreach (var key in configuration.JsonWebKeySet.GetSigningKeys()) configuration.SigningKeys.Add(key);
        return configuration;
    }
}
