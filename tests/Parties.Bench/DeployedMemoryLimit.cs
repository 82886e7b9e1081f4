using System.Globalization;
using System.Text.RegularExpressions;

namespace Parties.Bench;

/// <summary>
/// The memory the chart gives the API container (<c>resources.limits.memory</c> in the chart's values.yaml). In that
/// container .NET takes 75 % of the cgroup limit as its GC heap's hard limit, and sizes its generations from it;
/// outside one it sizes them from the machine (this one reports a 260 MB L3 cache: without the limit the GC kept
/// 110-117 MB committed for a heap of 28-41 MB, see the README's seventh run). The bench runs
/// the processes outside any container, so it hands them the same hard limit through <c>DOTNET_GCHeapHardLimit</c>:
/// the memory figures are those of the service as deployed.
/// </summary>
public static partial class DeployedMemoryLimit
{
    /// <summary>The share of a container's memory limit that .NET makes its GC heap hard limit by default.</summary>
    private const int HeapHardLimitPercent = 75;

    private static long ContainerBytes(string root)
    {
        var values = File.ReadAllText(Path.Combine(root, "deploy", "helm", "parties", "values.yaml"));
        var match = ApiContainerLimit().Match(values);
        if (!match.Success) throw new InvalidOperationException("values.yaml has no resources.limits.memory in Mi for the API container");
        return long.Parse(match.Groups["mi"].Value, CultureInfo.InvariantCulture) * 1024 * 1024;
    }

    /// <summary>The environment a process gets so that its GC behaves as in the chart's container.</summary>
    public static IReadOnlyDictionary<string, string> GcEnvironment(string root) => new Dictionary<string, string>
    {
        ["DOTNET_GCHeapHardLimit"] = "0x" + (ContainerBytes(root) * HeapHardLimitPercent / 100).ToString("x", CultureInfo.InvariantCulture),
    };

    // The top-level resources block (the API container's); the migration job's block is indented under migration:.
    [GeneratedRegex(@"^resources:\s*\n(?:[ \t]+.*\n)*?[ \t]+limits:\s*\n[ \t]+memory:\s*(?<mi>\d+)Mi\s*$", RegexOptions.Multiline)]
    private static partial Regex ApiContainerLimit();
}
