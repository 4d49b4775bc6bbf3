namespace Daemun.Storage;

/// <summary>Two writers raced for the same unique key; the caller may retry its transaction.</summary>
public sealed class StoreConflictException(string message, Exception inner) : Exception(message, inner);
