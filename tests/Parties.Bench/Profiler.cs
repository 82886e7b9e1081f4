using System.Diagnostics;

namespace Parties.Bench;

/// <summary><c>--trace</c>: a CPU-sampling trace of the service during each measured workload (dotnet-trace, a global tool).</summary>
public static class Profiler
{
    public static Process? Start(int pid, string output, TimeSpan duration)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        var start = new ProcessStartInfo(tool, $"collect -p {pid} --profile dotnet-sampled-thread-time -o {output} --duration {duration:dd\\:hh\\:mm\\:ss}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        return Process.Start(start);
    }
}
