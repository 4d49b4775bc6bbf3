using Daemun.Server;

await using var server = await ServerApp.CreateAsync(args);
await server.App.RunAsync();

/// <summary>The server's entry point.</summary>
public partial class Program;
