namespace Daemun.Emulator;

/// <summary>The provider's browser session: who is signed in and when they last entered their password.</summary>
internal sealed record BrowserSession(TestPerson Person, DateTimeOffset? LoginTime);
