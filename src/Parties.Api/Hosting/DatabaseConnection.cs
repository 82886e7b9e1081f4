using System.Globalization;
using Npgsql;

namespace Parties.Api.Hosting;

/// <summary>
/// <c>ConnectionStrings:Parties</c> with the service's timeouts added: every statement is cut by PostgreSQL
/// itself after <c>Parties:StatementTimeout</c> (a session <c>statement_timeout</c>, so the server stops the
/// work, not only the client waiting for it; waits for locks count too), and the client gives up a little later
/// in case the server cannot even say so.
/// </summary>
public static class DatabaseConnection
{
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromSeconds(30);

    public static string From(IConfiguration configuration)
    {
        var given = configuration.GetConnectionString("Parties")
            ?? throw new InvalidOperationException("ConnectionStrings:Parties is not set.");
        var timeout = configuration.GetValue("Parties:StatementTimeout", DefaultStatementTimeout);
        if (timeout <= TimeSpan.Zero) return given;

        var builder = new NpgsqlConnectionStringBuilder(given);
        var milliseconds = ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        builder.Options = $"{builder.Options} -c statement_timeout={milliseconds}".Trim();
        builder.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds) + 5;
        return builder.ConnectionString;
    }
}
