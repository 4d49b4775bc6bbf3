namespace Daemun.Tests.Infrastructure;

/// <summary>The repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Daemun.slnx</c>.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Daemun.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Daemun.slnx not found above " + AppContext.BaseDirectory);
    }
}
