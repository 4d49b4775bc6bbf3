using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Daemun.Emulator;

/// <summary>The provider's browser session: who is signed in and when they last entered their password.</summary>
internal sealed record BrowserSession(TestPerson Person, DateTimeOffset? LoginTime);
