using Marten;
using Npgsql;
using Parties.Tenancy;
using Weasel.Core.MultiTenancy;
using Weasel.Postgresql.Tables;

namespace Parties.Api.Admin;

/// <summary>A database of the pool as the platform operator sees it.</summary>
public sealed record DatabaseState(string Name, int Organizations, bool Full, bool Answers);

/// <summary>
/// The databases organizations live in: Marten's pool (sharded mode), or the one database, called
/// <see cref="Single"/>, that holds every organization otherwise.
/// </summary>
public sealed class DatabasePool(IDocumentStore store, IPlatformStore platform)
{
    public const string Single = "default";
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2);

    private ITenantDatabasePool? Pool => store.Options.Tenancy as ITenantDatabasePool;

    public async Task<IReadOnlyList<DatabaseState>> ListAsync(CancellationToken cancellation)
    {
        if (Pool is not { } pool)
        {
            await using var session = platform.QuerySession();
            var organizations = await session.Query<Organization>().CountAsync(cancellation);
            return [new DatabaseState(Single, organizations, false, await AnswersAsync(store.Storage.Database, cancellation))];
        }
        var states = new List<DatabaseState>();
        foreach (var database in (await pool.ListDatabasesAsync(cancellation)).OrderBy(d => d.DatabaseId, StringComparer.Ordinal))
        {
            var answers = await AnswersAsync(await store.Storage.FindOrCreateDatabase(database.DatabaseId), cancellation);
            states.Add(new DatabaseState(database.DatabaseId, database.TenantCount, database.IsFull, answers));
        }
        return states;
    }

    /// <summary>Places a new organization: on the requested database, or on the open one with the fewest.</summary>
    public async Task<PlacementResult> PlaceAsync(string organizationId, string? requested, CancellationToken cancellation)
    {
        if (Pool is not { } pool)
            return requested is null or Single ? new PlacementResult(Single, null) : PlacementResult.Unknown(requested);

        var databases = await pool.ListDatabasesAsync(cancellation);
        var chosen = requested is null ? Fewest(databases) : databases.FirstOrDefault(d => d.DatabaseId == requested);
        if (chosen is null)
            return requested is null
                ? new PlacementResult(null, "Every database is full: open one or add one.")
                : PlacementResult.Unknown(requested);
        if (chosen.IsFull) return new PlacementResult(null, $"Database '{requested}' is full: it takes no new organizations.");
        await store.Advanced.AddTenantToShardAsync(organizationId, chosen.DatabaseId, cancellation);
        return new PlacementResult(chosen.DatabaseId, null);
    }

    /// <summary>The open database holding the fewest organizations; a tie goes to the first by name.</summary>
    private static PooledDatabase? Fewest(IEnumerable<PooledDatabase> databases) =>
        databases.Where(d => !d.IsFull).OrderBy(d => d.TenantCount).ThenBy(d => d.DatabaseId, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Closes a database to new organizations, or opens it again; false when there is no such database.</summary>
    public async Task<bool> SetFullAsync(string name, bool full, CancellationToken cancellation)
    {
        if (Pool is null) return false;
        // Marten can mark a database full but not open it again, so both are one update of its pool table.
        await using var connection = platform.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var update = new NpgsqlCommand(
            $"update {PartiesStore.Schema}.{DatabasePoolTable.TableName} set is_full = @full where database_id = @name", connection);
        update.Parameters.AddWithValue("full", full);
        update.Parameters.AddWithValue("name", name);
        return await update.ExecuteNonQueryAsync(cancellation) == 1;
    }

    private static async Task<bool> AnswersAsync(Marten.Storage.IMartenDatabase database, CancellationToken cancellation)
    {
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        within.CancelAfter(AnswerWithin);
        try
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(within.Token);
            await using var ping = new NpgsqlCommand("select 1", connection);
            await ping.ExecuteScalarAsync(within.Token);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException && !cancellation.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>Where a new organization went, or why it could not go there.</summary>
public sealed record PlacementResult(string? Database, string? Refusal)
{
    public static PlacementResult Unknown(string name) => new(null, $"There is no database '{name}'.");
}
