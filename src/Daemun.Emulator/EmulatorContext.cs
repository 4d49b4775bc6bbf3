namespace Daemun.Emulator;

/// <summary>State shared by the emulated providers of one emulator instance.</summary>
internal sealed class EmulatorContext(EmulatorOptions options, PersonList people, EmulatorFaults faults)
{
    public EmulatorOptions Options { get; } = options;
    public PersonList People { get; } = people;
    public EmulatorFaults Faults { get; } = faults;
    public GrantStore Store { get; } = new(options);
    public KeySource Keys { get; } = new(options.KeyCache);

    /// <summary>http://127.0.0.1:{port}, known once Kestrel is listening.</summary>
    public string BaseAddress { get; set; } = "";

    /// <summary>Cancelled when the emulator stops, to release held (Timeout fault) requests.</summary>
    public CancellationToken Stopping { get; set; }

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>The person's picture as an absolute URL: a path such as <c>/people/kim/profile.svg</c> is served by this emulator.</summary>
    public string? PictureOf(TestPerson person) =>
        person.PictureUrl is { } url && url.StartsWith('/') ? BaseAddress + url : person.PictureUrl;
}
