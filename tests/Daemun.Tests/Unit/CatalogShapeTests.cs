using System.Text.Json;
using System.Text.Json.Nodes;
using Daemun.Emulator.Catalog;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>Every built-in declaration against its recorded response shape (src/Daemun.Emulator/Catalog/Shapes): the documented answers map
/// to the documented person, the email-verified rule is declared and holds both ways, and the declaration is complete enough to document.</summary>
public sealed class CatalogShapeTests
{
    public static TheoryData<string> BuiltIns => [.. ProviderCatalog.BuiltInIds];

    [Fact]
    public void EveryBuiltInHasARecordedShapeAndEveryShapeABuiltIn()
    {
        Assert.Equal(ProviderCatalog.BuiltInIds, ResponseShapes.Ids);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void TheDocumentedAnswersMapToTheDocumentedPerson(string id)
    {
        var (p, shape) = Load(id);

        var fields = Map(p, shape.Token, shape.Profile, shape.IdToken, shape.Emails);

        var expect = shape.Expect;
        Assert.Equal(expect.Id, fields.Id);
        Assert.Equal(expect.Name, fields.Name);
        Assert.Equal(expect.Email, fields.Email);
        Assert.Equal(expect.EmailVerified, fields.EmailVerified);
        Assert.Equal(expect.Image, fields.Image);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void TheEmailRuleIsDeclaredAndAnUnverifiedAnswerIsNotVerified(string id)
    {
        var (p, shape) = Load(id);

        if (p.NeverVerifiesEmails)
        {
            Assert.True(p.EmailVerifiedRule.Length == 0, $"{id} never verifies emails but declares a rule");
            Assert.False(shape.Expect.EmailVerified);
            Assert.Null(shape.Unverified);
            return;
        }
        Assert.True(p.EmailVerifiedRule.Length > 0, $"{id}: declare EmailVerifiedRule, or NeverVerifiesEmails = true");
        Assert.True(shape.Expect.EmailVerified, $"{id}: the recorded answer should show a verified email, so the rule is seen to hold");
        var unverified = shape.Unverified;
        Assert.True(unverified is not null, $"{id}: record an 'unverified' patch that breaks the rule");
        var fields = Map(p, shape.Token, unverified.Profile, unverified.IdToken, unverified.Emails);
        Assert.Equal(shape.Expect.Id, fields.Id);
        Assert.False(fields.EmailVerified);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void TheDeclarationIsCompleteAndItsAddressesAreHttps(string id)
    {
        var p = ProviderCatalog.For(id)!;

        Assert.Equal(id, p.Id);
        Assert.False(string.IsNullOrWhiteSpace(p.Name));
        Assert.NotEmpty(p.DocumentationLinks);
        Assert.NotEmpty(p.Fields.Id);
        foreach (var url in new[] { p.Issuer, p.AuthorizationEndpoint, p.TokenEndpoint, p.UserInfoEndpoint, p.RevocationEndpoint, p.UnlinkEndpoint, p.EmailFallback?.Endpoint,
                     p.RequestTokenEndpoint, p.AccessTokenEndpoint }
            .Concat(p.DocumentationLinks).OfType<string>())
        {
            Assert.StartsWith("https://", url, StringComparison.Ordinal);
        }
        if (p.Kind == ProviderKind.OAuth2)
        {
            Assert.NotNull(p.AuthorizationEndpoint);
            Assert.NotNull(p.TokenEndpoint);
        }
        else if (p.Kind == ProviderKind.OAuth1)
        {
            Assert.NotNull(p.RequestTokenEndpoint);
            Assert.NotNull(p.AuthorizationEndpoint);
            Assert.NotNull(p.AccessTokenEndpoint);
            Assert.NotNull(p.UserInfoEndpoint);
        }
        else
        {
            Assert.NotNull(p.Issuer);
        }
        foreach (var parameter in p.Parameters)
        {
            Assert.True(new[] { p.Issuer, p.AuthorizationEndpoint, p.TokenEndpoint, p.UserInfoEndpoint, p.JwksUri }.Concat(p.Profile.Headers.Values)
                    .Any(u => u?.Contains($"{{{parameter.Name}}}", StringComparison.Ordinal) == true)
                || p.ClientSecretSource?.Settings.Contains(parameter.Name) == true, // Apple's TeamId, KeyId, PrivateKey make its client secret
                $"{id}: parameter {parameter.Name} appears in no URL or profile header, and no client secret source reads it");
        }
    }

    private static (ProviderOptions Provider, ResponseShape Shape) Load(string id)
    {
        var p = ProviderCatalog.For(id) ?? throw new InvalidOperationException($"no declaration {id}");
        var shape = ResponseShapes.Find(id) ?? throw new InvalidOperationException($"{id} has no recorded shape (src/Daemun.Emulator/Catalog/Shapes/{id}.json)");
        return (p, shape);
    }

    /// <summary>What the engine does with the answers: the profile answer read by the declaration's <see cref="ProfileRequest"/> (or the
    /// id_token's claims when the provider has no profile answer), the mapping, then the secondary email when the mapped one is not verified.</summary>
    private static ProfileFields Map(ProviderOptions p, JsonObject token, JsonNode? profileAnswer, JsonObject? idToken, JsonNode? emails)
    {
        JsonElement profile;
        if (profileAnswer is not null)
        {
            var answer = Element(profileAnswer);
            Assert.Null(p.Profile.Failure(answer));
            profile = p.Profile.Profile(answer) ?? throw new InvalidOperationException("the declaration finds no profile in the documented answer");
            profile = p.Profile.Combine(profile, Element(token));
        }
        else
        {
            profile = Element(idToken ?? throw new InvalidOperationException("the shape has neither a profile nor id_token claims"));
        }
        var fields = p.MapProfile(profile);
        if (!fields.EmailVerified && p.EmailFallback is { } fallback && emails is not null)
        {
            var (email, verified) = fallback.Select(Element(emails));
            if (email is not null) fields = fields with { Email = email, EmailVerified = verified };
        }
        return fields with { EmailVerified = fields.EmailVerified && fields.Email is not null };
    }

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
