namespace Daemun.Endpoints;

/// <summary>The groups of endpoints that share one limit per client.</summary>
internal enum RateLimitGroup
{
    SignIn,
    Callback,
    NewUser,
}
