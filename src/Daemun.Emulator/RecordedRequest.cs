namespace Daemun.Emulator;

/// <summary>One HTTP request the emulator received; multi-valued entries are joined with ",".</summary>
/// <param name="Provider">Provider id (first path segment for unmatched paths).</param>
/// <param name="Endpoint">Which endpoint served it (<see cref="EmulatorEndpoint.Other"/> when none).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, without the query string.</param>
/// <param name="Query">Query string parameters.</param>
/// <param name="Form">Form body fields, or the members of a JSON object body (empty when the body is neither).</param>
/// <param name="Headers">Request headers, case-insensitive, including Authorization.</param>
/// <param name="Time">When it arrived, by <see cref="EmulatorOptions.TimeProvider"/>.</param>
public sealed record RecordedRequest(
    string Provider,
    EmulatorEndpoint Endpoint,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset Time);
