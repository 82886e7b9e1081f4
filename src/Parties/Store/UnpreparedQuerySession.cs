using Marten;
using Marten.Services;
using Npgsql;

namespace Parties;

/// <summary>
/// A query session on a connection that does not auto-prepare, so PostgreSQL plans each of its statements with the
/// values it is sent. Npgsql prepares a statement once it has been sent five times, and PostgreSQL may then run a
/// prepared statement with a generic plan, estimated without its values: for the Parties list's <c>search=</c> that plan
/// takes <c>tenant_id = $1</c> for an average organization's share of the table, and for an organization holding most of
/// it PostgreSQL reads that organization's whole index range to AND it with the trigram scans (the benchmark at 1,000,000
/// parties: 148 of a 181 ms answer). Written by hand because neither Marten nor Npgsql offers to leave one query
/// unprepared; the write path keeps auto-prepare, its statements plan alike every time.
/// </summary>
public static class UnpreparedQuerySession
{
    public static async Task<IQuerySession> OpenAsync(IDocumentStore store, string organizationId, CancellationToken cancellation)
    {
        var database = await store.Storage.FindOrCreateDatabase(organizationId);
        // A clone keeps the organization's database and the credentials of Marten's connection; it comes from a pool of
        // its own, keyed by its settings.
        await using var marten = database.CreateConnection();
        var connection = marten.CloneWith(new NpgsqlConnectionStringBuilder(marten.ConnectionString) { MaxAutoPrepare = 0 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellation);
            var options = SessionOptions.ForConnection(connection);
            options.TenantId = organizationId;
            return store.QuerySession(options);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
