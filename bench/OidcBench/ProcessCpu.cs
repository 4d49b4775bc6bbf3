using System.Globalization;

namespace OidcBench;

/// <summary>CPU time (user + system) a process has used so far, from <c>/proc/PID/stat</c> (fields 14 and 15, in clock ticks).</summary>
internal static class ProcessCpu
{
    public static TimeSpan Of(int pid, int ticksPerSecond)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // the command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / ticksPerSecond);
    }
}
