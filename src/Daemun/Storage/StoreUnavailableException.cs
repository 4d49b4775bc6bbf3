namespace Daemun.Storage;

/// <summary>The store could not be reached or failed; requests answer with <c>StoreUnavailable</c>.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
