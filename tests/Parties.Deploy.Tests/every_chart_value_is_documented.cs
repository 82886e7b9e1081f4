using System.Text.RegularExpressions;
using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>values.yaml documents each value with a <c>## @param path description</c> comment.</summary>
public partial class every_chart_value_is_documented
{
    private static readonly string ValuesText = File.ReadAllText(Path.Combine(Helm.ChartDirectory, "values.yaml"));

    private static IReadOnlySet<string> DocumentedPaths =>
        ParamComment().Matches(ValuesText).Select(match => match.Groups[1].Value).ToHashSet();

    [Fact]
    public void every_value_has_a_param_comment_on_itself_or_a_parent()
    {
        // Leaves: scalars, lists and empty maps. A map with values is documented through them.
        var undocumented = LeafPaths(Yaml.ParseDocument(ValuesText), prefix: null)
            .Where(path => !SelfAndParents(path).Any(DocumentedPaths.Contains))
            .ToList();
        undocumented.ShouldBeEmpty("values without a ## @param comment");
    }

    [Fact]
    public void every_param_comment_names_an_existing_value()
    {
        var values = Yaml.ParseDocument(ValuesText);
        var stale = DocumentedPaths.Where(path => !HasKey(values, path)).ToList();
        stale.ShouldBeEmpty("## @param comments for values that do not exist");
    }

    private static IEnumerable<string> LeafPaths(Yaml node, string? prefix)
    {
        foreach (var (key, child) in node.Entries)
        {
            var path = prefix is null ? key : $"{prefix}.{key}";
            if (child.Entries.Count == 0)
            {
                yield return path;
                continue;
            }
            foreach (var nested in LeafPaths(child, path))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<string> SelfAndParents(string path)
    {
        for (var current = path; ; current = current[..current.LastIndexOf('.')])
        {
            yield return current;
            if (!current.Contains('.'))
            {
                yield break;
            }
        }
    }

    // A key whose value is null (e.g. service.nodePort) exists too.
    private static bool HasKey(Yaml root, string path)
    {
        var keys = path.Split('.');
        var parent = keys[..^1].Aggregate(root, (node, key) => node[key]);
        return parent.Entries.ContainsKey(keys[^1]);
    }

    [GeneratedRegex(@"^\s*## @param (\S+) ", RegexOptions.Multiline)]
    private static partial Regex ParamComment();
}
