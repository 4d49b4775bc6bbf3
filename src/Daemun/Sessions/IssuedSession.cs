using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Sessions;

/// <summary>A session ready to be written to the browser once its transaction has committed.</summary>
internal sealed record IssuedSession(string CookieValue, DateTimeOffset Expires);
