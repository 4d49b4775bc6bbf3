namespace Daemun.Emulator;

/// <summary>How a presented token looks to a resource endpoint.</summary>
internal enum TokenStatus { Valid, Unknown, Expired }
