namespace Parties.Bench;

public static class Machine
{
    /// <summary>Cores, CPU model and memory, as the README states them.</summary>
    public static string Describe()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
        var memKb = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return $"{Environment.ProcessorCount} cores, {model}, {memKb / 1048576.0:0} GB RAM";
    }
}
