using System.Collections.Concurrent;

namespace Daemun.Emulator;

/// <summary>Test controls that make endpoints misbehave; each setting lasts until cleared.</summary>
public sealed class EmulatorFaults
{
    private readonly ConcurrentDictionary<(string, EmulatorEndpoint), Fault> faults = new();
    private readonly ConcurrentDictionary<string, (string Error, string? Description)> authorizeErrors = new();
    private readonly ConcurrentDictionary<string, IdTokenFault> idTokenFaults = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, System.Text.Json.Nodes.JsonNode?>> discoveryMembers = new();

    /// <summary>Makes the provider's discovery document carry <paramref name="value"/> as <paramref name="member"/> (null: leave the
    /// member out) — a hostile or broken document, e.g. a userinfo_endpoint on a private address.</summary>
    public void SetDiscoveryMember(string provider, string member, System.Text.Json.Nodes.JsonNode? value) =>
        discoveryMembers.GetOrAdd(provider, _ => new(StringComparer.Ordinal))[member] = value;

    /// <summary>The discovery members set for a provider.</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> GetDiscoveryMembers(string provider) =>
        discoveryMembers.TryGetValue(provider, out var m) ? m : new Dictionary<string, System.Text.Json.Nodes.JsonNode?>();

    /// <summary>Makes one endpoint of one provider answer with <paramref name="fault"/> (<see cref="Fault.None"/> clears it).</summary>
    public void Set(string provider, EmulatorEndpoint endpoint, Fault fault)
    {
        if (fault == Fault.None) faults.TryRemove((provider, endpoint), out _);
        else faults[(provider, endpoint)] = fault;
    }

    /// <summary>Makes the provider's authorize endpoint redirect straight back with this error.</summary>
    public void SetAuthorizeError(string provider, string error, string? description) =>
        authorizeErrors[provider] = (error, description);

    /// <summary>Makes the provider issue broken id_tokens of this kind.</summary>
    public void SetIdTokenFault(string provider, IdTokenFault fault) => idTokenFaults[provider] = fault;

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        faults.Clear();
        authorizeErrors.Clear();
        idTokenFaults.Clear();
        discoveryMembers.Clear();
    }

    /// <summary>The fault set for an endpoint, or <see cref="Fault.None"/>.</summary>
    public Fault Get(string provider, EmulatorEndpoint endpoint) =>
        faults.TryGetValue((provider, endpoint), out var f) ? f : Fault.None;

    /// <summary>The id_token fault set for a provider, or <see cref="IdTokenFault.None"/>.</summary>
    public IdTokenFault GetIdTokenFault(string provider) =>
        idTokenFaults.TryGetValue(provider, out var f) ? f : IdTokenFault.None;

    internal (string Error, string? Description)? GetAuthorizeError(string provider) =>
        authorizeErrors.TryGetValue(provider, out var e) ? e : null;
}
