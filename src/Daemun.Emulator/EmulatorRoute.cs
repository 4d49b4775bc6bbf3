using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>Route metadata naming the provider and endpoint kind of a mapped path.</summary>
internal sealed record EmulatorRoute(string Provider, EmulatorEndpoint Endpoint);
