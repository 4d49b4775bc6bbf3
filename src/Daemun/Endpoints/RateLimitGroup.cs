using System.Globalization;
using System.Threading.RateLimiting;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Logging;
using Daemun.Pages;
using Daemun.Providers;
using Daemun.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary>The groups of endpoints that share one limit per client.</summary>
internal enum RateLimitGroup
{
    SignIn,
    Callback,
    NewUser,
}
