using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>The exceptions the OpenIddict stores throw for what they refuse: an update or delete that lost to a concurrent one
/// (OpenIddict's managers turn it into "already redeemed/revoked"), and the LINQ overloads, which SQL written by hand cannot run.</summary>
internal static class OidcStoreErrors
{
    public static OpenIddictExceptions.ConcurrencyException Concurrency(string entity, string id) =>
        new($"The {entity} '{id}' was changed or deleted since it was read (concurrency token mismatch); reload it and retry.");

    public static NotSupportedException NoQueryable(string method) =>
        new($"{method} with an IQueryable query is not supported by Daemun's OpenIddict stores (Dapper SQL, not a LINQ provider); " +
            "use the manager's Find…/List(count, offset) methods instead.");
}
