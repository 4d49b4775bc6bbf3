using System.Text.Json.Nodes;

namespace Daemun.Emulator;

/// <summary>A provider's current signing key plus the one it replaced (still published after a rotation).</summary>
internal sealed class SigningKeys(KeySource source) : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<SigningKey> retired = [];
    private SigningKey current = source.Next();
    private SigningKey? previous;

    public KeySource Source => source;

    public SigningKey Current { get { lock (gate) return current; } }

    public void Rotate()
    {
        var next = source.Next();
        lock (gate)
        {
            if (previous is not null) retired.Add(previous);
            previous = current;
            current = next;
        }
    }

    public JsonObject Jwks()
    {
        lock (gate)
        {
            var keys = new JsonArray(current.ToJwk());
            if (previous is not null) keys.Add(previous.ToJwk());
            return new() { ["keys"] = keys };
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current.Rsa.Dispose();
            previous?.Rsa.Dispose();
            foreach (var k in retired) k.Rsa.Dispose();
        }
    }
}
