namespace OidcBench;

/// <summary>A sign-in flow got an answer it should not have: the run stops (a benchmark of failing flows would measure nothing).</summary>
internal sealed class FlowException(string message) : Exception(message);
