using Daemun.Jose.Tests.Support;
using Daemun.Protocol;
using Daemun.Providers;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Jose.Tests;

/// <summary>Microsoft Entra ID's multi-tenant issuer validation (<see cref="EntraIssuerRule"/>, Microsoft's claims-validation guidance):
/// under <c>common</c> the discovery issuer is the literal template <c>https://login.microsoftonline.com/{tenantid}/v2.0</c> and a token's
/// iss must be that template with its own signed <c>tid</c>; under one tenant, exactly that tenant's issuer.</summary>
public sealed class EntraIssuerTests
{
    private const string Host = "https://login.microsoftonline.com";
    private const string Template = Host + "/{tenantid}/v2.0";
    private const string WorkTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string ClientId = "6cb04018-a3f5-46a7-b995-940c78f5aef3";
    private static readonly MetadataSource Keys = new(Host + "/common/discovery/v2.0/keys", IsDiscovery: false, AllowLoopback: false);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private readonly IdTokenValidator validator;
    private readonly IssuerRule rule = MicrosoftEntraId.Defaults().IssuerRule;

    public EntraIssuerTests() =>
        validator = new IdTokenValidator(new ProviderMetadata(_ => new CountingRetriever(Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "entra-1"))), time), time);

    private static string IssuerOf(string tenant) => $"{Host}/{tenant}/v2.0";

    private string Token(string iss, string tid)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = iss, ["tid"] = tid, ["sub"] = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", ["aud"] = ClientId,
            ["exp"] = now + 600, ["iat"] = now - 5, ["ver"] = "2.0",
        };
        return TestSigner.Token(new Dictionary<string, object?> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = "entra-1" }, claims, TestKeys.Rsa);
    }

    private Task<IdTokenValidation> Validate(string token, string discoveredIssuer) =>
        validator.ValidateAsync(token, new IdTokenExpectations(discoveredIssuer, ClientId, null, Keys) { IssuerRule = rule }, CancellationToken.None);

    [Theory]
    [InlineData(WorkTenant)]
    [InlineData(MicrosoftEntraId.ConsumersTenantId)]
    public async Task UnderCommonATokenFromEitherTenantIsAccepted(string tenant)
    {
        var result = await Validate(Token(IssuerOf(tenant), tenant), Template);

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
        Assert.Equal(tenant, result.Claims.GetProperty("tid").GetString());
    }

    [Fact]
    public async Task ATokenWhoseIssDoesNotMatchItsTidIsRefused()
    {
        var result = await Validate(Token(IssuerOf(MicrosoftEntraId.ConsumersTenantId), WorkTenant), Template);

        Assert.Equal(IdTokenFailure.WrongIssuer, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("common")]
    [InlineData("72F988BF-86F1-41AF-91AB-2D7CD011DB47")]
    [InlineData("72f988bf-86f1-41af-91ab-2d7cd011db47/../evil")]
    public async Task UnderCommonATidThatIsNotATenantIdIsRefused(string tid)
    {
        var result = await Validate(Token(IssuerOf(tid), tid), Template);

        Assert.Equal(IdTokenFailure.WrongIssuer, result.Failure);
    }

    [Fact]
    public async Task ASpecificTenantRefusesAnotherTenantsToken()
    {
        var other = MicrosoftEntraId.ConsumersTenantId;

        var refused = await Validate(Token(IssuerOf(other), other), IssuerOf(WorkTenant));
        var accepted = await Validate(Token(IssuerOf(WorkTenant), WorkTenant), IssuerOf(WorkTenant));

        Assert.Equal(IdTokenFailure.WrongIssuer, refused.Failure);
        Assert.True(accepted.Succeeded, $"{accepted.Failure}: {accepted.Detail}");
    }

    [Fact]
    public async Task WithoutTheRuleTheTemplateIsNoIssuer()
    {
        // the engine's default (exact) rule: a token cannot match a discovery issuer that is a template
        var result = await validator.ValidateAsync(Token(IssuerOf(WorkTenant), WorkTenant), new IdTokenExpectations(Template, ClientId, null, Keys), CancellationToken.None);

        Assert.Equal(IdTokenFailure.WrongIssuer, result.Failure);
    }

    [Theory]
    [InlineData("common", Template, true)]
    [InlineData("organizations", Template, true)]
    [InlineData("consumers", Host + "/" + MicrosoftEntraId.ConsumersTenantId + "/v2.0", true)]
    [InlineData("contoso.onmicrosoft.com", Host + "/" + WorkTenant + "/v2.0", true)]
    [InlineData(WorkTenant, Host + "/" + WorkTenant + "/v2.0", true)]
    [InlineData("common", Host + "/" + WorkTenant + "/v2.0", false)]
    [InlineData("consumers", Template, false)]
    [InlineData(WorkTenant, Host + "/" + MicrosoftEntraId.ConsumersTenantId + "/v2.0", false)]
    [InlineData(WorkTenant, Template, false)]
    [InlineData("common", "https://login.example.com/{tenantid}/v2.0", false)]
    [InlineData("common", Host + "/{tenantid}/v2.0/extra", false)]
    public void DiscoveryMayNameTheTemplateOrTheTenantsOwnIssuer(string tenant, string discovered, bool accepted)
    {
        Assert.Equal(accepted, rule.AcceptsDiscovered(IssuerOf(tenant), discovered));
    }

    [Fact]
    public void TheLegacyAzureAdIdIsTheSameDeclaration()
    {
        var legacy = AzureAd.Defaults();
        var current = MicrosoftEntraId.Defaults();

        Assert.Equal("azure-ad", legacy.Id);
        Assert.Equal(current.Issuer, legacy.Issuer);
        Assert.IsType<EntraIssuerRule>(legacy.IssuerRule);
        Assert.Equal(current.Scopes, legacy.Scopes);
        Assert.Equal(current.EmailVerifiedRule, legacy.EmailVerifiedRule);
    }
}
