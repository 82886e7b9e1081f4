using System.Text.RegularExpressions;

namespace Parties.Api.Hosting;

/// <summary>
/// <c>Parties:Databases:&lt;name&gt;</c>: one connection string per pooled database (from configuration or a secret).
/// Any entry turns sharded mode on, with <c>ConnectionStrings:Parties</c> as the master; none keeps the one database.
/// </summary>
public static partial class PooledDatabases
{
    public const string Section = "Parties:Databases";

    public static IReadOnlyList<(string Name, string ConnectionString)> From(IConfiguration configuration) =>
        configuration.GetSection(Section).GetChildren()
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry => (CheckedName(entry.Key), DatabaseConnection.WithServiceDefaults(entry.Value!, configuration)))
            .OrderBy(d => d.Item1, StringComparer.Ordinal)
            .ToList();

    public static bool AreConfigured(IConfiguration configuration) => From(configuration).Count > 0;

    // The name is what the admin API and the pool table call the database: kept to a plain slug.
    private static string CheckedName(string name) => Name().IsMatch(name)
        ? name
        : throw new InvalidOperationException(
            $"{Section}:{name}: a database name is 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit.");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex Name();
}
