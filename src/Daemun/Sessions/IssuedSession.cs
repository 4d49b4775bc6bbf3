namespace Daemun.Sessions;

/// <summary>A session ready to be written to the browser once its transaction has committed.</summary>
internal sealed record IssuedSession(string CookieValue, DateTimeOffset Expires);
