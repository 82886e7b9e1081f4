namespace Parties.Bench;

public static class Repository
{
    /// <summary>The repository root (where Parties.slnx is), found from the bench's own output folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Parties.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Parties.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A project's main assembly, built in the bench's own configuration (bin/Release/net10.0 → Release).</summary>
    public static string Assembly(string root, string projectFolder, string name)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = framework.Parent!.Name;
        return Path.Combine(root, projectFolder, "bin", configuration, framework.Name, name + ".dll");
    }
}
