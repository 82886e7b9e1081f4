using System.Diagnostics;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>The repository the tests run from, and running its tools.</summary>
public static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Parties.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Parties.slnx not found above the test folder");
    }

    public static async Task<(int Exit, string Output)> RunAsync(string file, string arguments,
        params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Root(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
