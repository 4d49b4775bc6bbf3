using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth.Claims;

namespace Daemun.RelyingParty;

/// <summary>Copies a JSON array of strings from the userinfo response (e.g. <c>providers</c>) into one claim per item, skipping the
/// items the id_token already gave: the built-in <c>MapJsonKey</c> would add them twice, <c>MapUniqueJsonKey</c> keeps only one string.</summary>
internal sealed class DistinctArrayClaimAction(string claimType) : ClaimAction(claimType, ClaimValueTypes.String)
{
    public override void Run(JsonElement userData, ClaimsIdentity identity, string issuer)
    {
        if (!userData.TryGetProperty(ClaimType, out var value)) return;
        IEnumerable<JsonElement> items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.String || identity.HasClaim(ClaimType, item.GetString()!)) continue;
            identity.AddClaim(new Claim(ClaimType, item.GetString()!, ValueType, issuer));
        }
    }
}
