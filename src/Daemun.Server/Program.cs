using Daemun.Providers;
using Daemun.Server;

try
{
    await using var server = await ServerApp.CreateAsync(args);
    await server.App.RunAsync();
    return 0;
}
catch (DaemunConfigurationException e)
{
    // a configuration error is expected and names its key: one line, no stack trace
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

/// <summary>The server's entry point.</summary>
public partial class Program;
