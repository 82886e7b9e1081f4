using Shouldly;

namespace Parties.Deploy.Tests.Infrastructure;

/// <summary>The manifests of one <c>helm template</c> run, with look-ups the tests share.</summary>
public sealed class Rendering
{
    private Rendering(IReadOnlyList<Manifest> manifests) => Manifests = manifests;

    public IReadOnlyList<Manifest> Manifests { get; }

    public static Rendering Parse(string helmOutput) =>
        new(Yaml.ParseDocuments(helmOutput).Select(document => new Manifest(document)).ToList());

    public IReadOnlyList<Manifest> OfKind(string kind) => Manifests.Where(m => m.Kind == kind).ToList();

    /// <summary>The one manifest of a kind (optionally with a component label); fails if there is none or several.</summary>
    public Manifest Single(string kind, string? component = null)
    {
        var matches = OfKind(kind).Where(m => component is null || m.Labels.GetValueOrDefault("app.kubernetes.io/component") == component).ToList();
        matches.Count.ShouldBe(1,
            $"expected one {kind}{(component is null ? "" : $" of component {component}")}, rendered: {string.Join(", ", Manifests.Select(m => m.Id))}");
        return matches[0];
    }

    public Manifest? Find(string kind, string name) => Manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name);

    public Manifest Deployment => Single("Deployment");

    public Manifest MigrationJob => Single("Job", component: "migration");

    /// <summary>
    /// The environment a container gets: its env entries, plus the keys of every rendered ConfigMap
    /// it takes through envFrom. A value read from a Secret appears as its secretKeyRef.
    /// </summary>
    public IReadOnlyDictionary<string, EnvSource> EnvironmentOf(Yaml container)
    {
        var environment = new Dictionary<string, EnvSource>();
        foreach (var source in container["envFrom"].Items)
        {
            var configMapName = source["configMapRef"]["name"].Text;
            if (configMapName is not null && Find("ConfigMap", configMapName) is { } configMap)
            {
                foreach (var (key, value) in configMap.Body["data"].Strings)
                {
                    environment[key] = new EnvSource(value, null, null);
                }
            }
        }
        foreach (var variable in container["env"].Items)
        {
            var secretKeyRef = variable["valueFrom"]["secretKeyRef"];
            environment[variable["name"].Text!] = new EnvSource(
                variable["value"].Text, secretKeyRef["name"].Text, secretKeyRef["key"].Text);
        }
        return environment;
    }
}

/// <summary>Where an environment variable's value comes from: a literal value, or a Secret's key.</summary>
public sealed record EnvSource(string? Value, string? SecretName, string? SecretKey);

public sealed class Manifest(Yaml body)
{
    public Yaml Body { get; } = body;

    public string? ApiVersion => Body["apiVersion"].Text;

    public string? Kind => Body["kind"].Text;

    public string? Name => Body["metadata"]["name"].Text;

    public string Id => $"{Kind}/{Name}";

    public IReadOnlyDictionary<string, string?> Labels => Body["metadata"]["labels"].Strings;

    public IReadOnlyDictionary<string, string?> Annotations => Body["metadata"]["annotations"].Strings;

    public Yaml Spec => Body["spec"];

    public Yaml PodSpec => Body["spec"]["template"]["spec"];

    public IReadOnlyDictionary<string, string?> PodLabels => Body["spec"]["template"]["metadata"]["labels"].Strings;

    public Yaml FirstContainer => PodSpec["containers"][0];

    /// <summary>The helm.sh/hook events, e.g. ["pre-install", "pre-upgrade"]; empty for a plain resource.</summary>
    public IReadOnlyList<string> HookEvents =>
        Annotations.GetValueOrDefault("helm.sh/hook")?.Split(',', StringSplitOptions.TrimEntries) ?? [];

    public int HookWeight => int.Parse(Annotations.GetValueOrDefault("helm.sh/hook-weight") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Id;
}
