namespace Parties.Deploy.Tests.Infrastructure;

/// <summary>
/// The instructions of deploy/Dockerfile, grouped by stage: comments dropped, continuation lines
/// joined. Enough to compare the image's user, port and entrypoint with the chart; not a full parser.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Instruction> global, IReadOnlyList<Stage> stages)
    {
        GlobalInstructions = global;
        Stages = stages;
    }

    public static string PathInRepository => System.IO.Path.Combine(Helm.RepositoryRoot, "deploy", "Dockerfile");

    /// <summary>Instructions before the first FROM (the ARGs the FROM lines may use).</summary>
    public IReadOnlyList<Instruction> GlobalInstructions { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The stage the image is made of: the last one.</summary>
    public Stage Final => Stages[^1];

    public static Dockerfile Read() => Parse(File.ReadAllText(PathInRepository));

    public static Dockerfile Parse(string text)
    {
        var global = new List<Instruction>();
        var stages = new List<Stage>();
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add(new Stage(instruction.Arguments, []));
            }
            else if (stages.Count == 0)
            {
                global.Add(instruction);
            }
            else
            {
                stages[^1].Instructions.Add(instruction);
            }
        }
        return new Dockerfile(global, stages);
    }

    private static IEnumerable<Instruction> Instructions(string text)
    {
        var pending = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
            {
                continue;
            }
            var space = whole.IndexOf(' ');
            yield return space < 0
                ? new Instruction(whole.ToUpperInvariant(), "")
                : new Instruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim());
        }
    }
}

public sealed record Instruction(string Keyword, string Arguments);

/// <summary>A build stage: its FROM arguments ("image AS name") and its instructions.</summary>
public sealed record Stage(string From, List<Instruction> Instructions)
{
    public string BaseImage => From.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    /// <summary>The arguments of the last instruction with this keyword (the one that takes effect), or null.</summary>
    public string? Last(string keyword) => Instructions.LastOrDefault(i => i.Keyword == keyword)?.Arguments;
}
