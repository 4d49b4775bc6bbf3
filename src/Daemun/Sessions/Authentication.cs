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

/// <summary>How the session being issued was earned: the provider and when the person last authenticated there.</summary>
internal sealed record Authentication(string Provider, DateTimeOffset At);
