namespace Daemun.Protocol.Jose;

/// A JOSE document (a JWKS, or a key set fetch) that cannot be used. The message never contains a token.
internal sealed class JoseException : Exception
{
    public JoseException()
    {
    }

    public JoseException(string message)
        : base(message)
    {
    }

    public JoseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
