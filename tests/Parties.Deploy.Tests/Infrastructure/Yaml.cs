using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Parties.Deploy.Tests.Infrastructure;

/// <summary>
/// A read-only view of a parsed YAML value (mapping, sequence or scalar) that remembers its path,
/// so a missing field reads as <see cref="Exists"/> false instead of throwing, and messages can
/// say where they looked.
/// </summary>
public sealed class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();
    private readonly object? _value;

    private Yaml(object? value, string path)
    {
        _value = value;
        Path = path;
    }

    public string Path { get; }

    public bool Exists => _value is not null;

    /// <summary>The scalar's text (YAML scalars are read untyped: "true", "10001"), or null.</summary>
    public string? Text => _value as string;

    public Yaml this[string key] =>
        _value is IDictionary<object, object?> map && map.TryGetValue(key, out var child)
            ? new Yaml(child, $"{Path}.{key}")
            : new Yaml(null, $"{Path}.{key}");

    public Yaml this[int index] =>
        _value is IList<object?> list && index < list.Count
            ? new Yaml(list[index], $"{Path}[{index}]")
            : new Yaml(null, $"{Path}[{index}]");

    public IReadOnlyList<Yaml> Items =>
        _value is IList<object?> list
            ? list.Select((item, index) => new Yaml(item, $"{Path}[{index}]")).ToList()
            : [];

    public IReadOnlyDictionary<string, Yaml> Entries =>
        _value is IDictionary<object, object?> map
            ? map.ToDictionary(entry => (string)entry.Key, entry => new Yaml(entry.Value, $"{Path}.{entry.Key}"))
            : new Dictionary<string, Yaml>();

    /// <summary>A mapping of scalars (labels, annotations, ConfigMap data) as strings.</summary>
    public IReadOnlyDictionary<string, string?> Strings =>
        Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Text);

    public IReadOnlyList<string?> Texts => Items.Select(item => item.Text).ToList();

    public override string ToString() => $"{Path} = {ToYamlText()}";

    /// <summary>The value written back as YAML (for comparing whole subtrees), or "(missing)".</summary>
    public string ToYamlText() => _value is null ? "(missing)" : new SerializerBuilder().Build().Serialize(_value).Trim();

    public static Yaml ParseDocument(string text, string path = "$") =>
        new(Deserializer.Deserialize<object?>(text), path);

    public static IReadOnlyList<Yaml> ParseDocuments(string text)
    {
        var documents = new List<Yaml>();
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var value = Deserializer.Deserialize<object?>(parser);
            if (value is not null)
            {
                documents.Add(new Yaml(value, "$"));
            }
        }
        return documents;
    }
}
