using Npgsql;
using Weasel.Postgresql.Connections;

namespace Parties;

/// <summary>
/// The pooled databases' connection strings as configured, while Marten's pool table in the master keeps each one
/// without its password: Marten opens a database from the string in that table, and this factory gives the
/// password back from configuration. A string it does not know (the master's) is opened as it is.
/// </summary>
public sealed class ShardConnections(IReadOnlyList<(string Name, string ConnectionString)> databases) : INpgsqlDataSourceFactory
{
    private readonly Dictionary<string, string> _configuredByStored = databases
        .ToDictionary(d => WithoutPassword(d.ConnectionString), d => d.ConnectionString, StringComparer.Ordinal);

    private readonly Dictionary<string, string> _storedByName = databases
        .ToDictionary(d => d.Name, d => WithoutPassword(d.ConnectionString), StringComparer.Ordinal);

    /// <summary>What the pool table holds for a database: its connection string without a password.</summary>
    public string Stored(string name) => _storedByName[name];

    public NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(_configuredByStored.GetValueOrDefault(connectionString, connectionString));

    private static string WithoutPassword(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null, Passfile = null };
        builder.Remove("Password");
        builder.Remove("Passfile");
        return builder.ConnectionString;
    }
}
