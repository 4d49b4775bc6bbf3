using System.Text.Json;

namespace Daemun.Providers;

/// <summary>An API that tells which items the person agreed to share (Naver <c>/v1/nid/verify?info=true</c>), and how to read its answer.</summary>
/// <param name="Endpoint">Called with the access token as Bearer.</param>
/// <param name="Select">The granted items, or null when the answer is not understood.</param>
public sealed record GrantedItemsApi(string Endpoint, Func<JsonElement, IReadOnlyList<string>?> Select);
