using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator.Catalog;

/// <summary>One endpoint of a catalog provider: what it is (for recording and faults), which methods it answers, and its handler.</summary>
internal sealed record CatalogEndpoint(EmulatorRoute Route, string[] Methods, RequestDelegate Handler);
