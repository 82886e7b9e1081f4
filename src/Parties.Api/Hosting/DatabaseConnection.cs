using System.Globalization;
using Npgsql;

namespace Parties.Api.Hosting;

/// <summary>
/// <c>ConnectionStrings:Parties</c> with the service's timeouts added: every statement is cut by PostgreSQL
/// itself after <c>Parties:StatementTimeoutSeconds</c> (a session <c>statement_timeout</c>, so the server stops the
/// work, not only the client waiting for it; waits for locks count too), and the client gives up a little later
/// in case the server cannot even say so.
/// </summary>
public static class DatabaseConnection
{
    public const int DefaultStatementTimeoutSeconds = 30;

    public static string From(IConfiguration configuration) =>
        WithServiceDefaults(configuration.GetConnectionString("Parties")
            ?? throw new InvalidOperationException("ConnectionStrings:Parties is not set."), configuration);

    /// <summary>Any of the service's connection strings (the master's, each pooled database's) with the defaults added.</summary>
    public static string WithServiceDefaults(string given, IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(given);
        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows, so what the operator
        // wrote is read from a plain builder.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = given };
        // Marten sends the same few statements for every write (the append function, the snapshot and audit
        // upserts): prepared once per connection, PostgreSQL stops parsing and planning them on every request.
        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        // Sessions leave no state on a connection (timeouts are set at connect), so the reset on return to the
        // pool (DISCARD ALL, which also drops prepared statements) is pure cost.
        if (!written.ContainsKey("No Reset On Close") && !written.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;

        var seconds = configuration.GetValue("Parties:StatementTimeoutSeconds", DefaultStatementTimeoutSeconds);
        if (seconds <= 0) return builder.ConnectionString;
        builder.Options = $"{builder.Options} -c statement_timeout={(seconds * 1000).ToString(CultureInfo.InvariantCulture)}".Trim();
        builder.CommandTimeout = seconds + 5;
        return builder.ConnectionString;
    }
}
