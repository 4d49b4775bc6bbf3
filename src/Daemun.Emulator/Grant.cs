namespace Daemun.Emulator;

/// <summary>What a person agreed to share with one client; tokens hang off it and die with it.</summary>
internal sealed class Grant(PendingAuthorization request, TestPerson person, IReadOnlySet<string> declined, DateTimeOffset authTime)
{
    private volatile bool revoked;

    public PendingAuthorization Request { get; } = request;
    public TestPerson Person { get; } = person;
    public IReadOnlySet<string> Declined { get; } = declined;
    public DateTimeOffset AuthTime { get; } = authTime;
    public string Provider => Request.Provider;
    public EmulatorClient Client => Request.Client;
    public bool Revoked => revoked;

    public bool Shares(string item) => !Declined.Contains(item);
    public bool HasScope(string scope) => Request.Scopes.Contains(scope);
    public void Revoke() => revoked = true;
}
