namespace Parties.Bench;

/// <summary>CPU time and memory of processes, read from Linux's /proc (the bench runs on Linux only).</summary>
public static class ProcStat
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on

    public static double CpuSeconds(int pid, bool includeChildren)
    {
        var fields = Fields(pid);
        if (fields is null) return 0;
        // After the command: state is field 3; utime 14, stime 15, cutime 16, cstime 17 (1-based, man proc).
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        if (includeChildren) ticks += long.Parse(fields[13]) + long.Parse(fields[14]);
        return ticks / TicksPerSecond;
    }

    /// <summary>The postmaster with the backends it has reaped, plus the ones still running: the whole cluster's CPU.</summary>
    public static double ClusterCpuSeconds(int postmasterPid)
    {
        var total = CpuSeconds(postmasterPid, includeChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Fields(pid) is { } f && f[1] == postmasterPid.ToString())
                total += CpuSeconds(pid, includeChildren: false);
        return total;
    }

    public static long RssBytes(int pid) => StatusKb(pid, "VmRSS:") * 1024;

    public static long HighWaterRssBytes(int pid) => StatusKb(pid, "VmHWM:") * 1024;

    /// <summary>What the resident memory is made of (the RssAnon, RssFile and RssShmem lines of /proc/PID/status).</summary>
    public static RssSplit Split(int pid) =>
        new(StatusKb(pid, "RssAnon:") * 1024, StatusKb(pid, "RssShmem:") * 1024, StatusKb(pid, "RssFile:") * 1024);

    private static long StatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException) { return 0; }
    }

    /// <summary>The fields after the command name (which may hold spaces): [0] is the state, [1] the parent pid.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
