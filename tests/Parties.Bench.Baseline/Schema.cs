using Npgsql;

namespace Parties.Bench.Baseline;

public static class Schema
{
    /// <summary>The tables (the plain one and the event-sourced floor's three), and the one API key the benchmark uses (<c>pk_{id}_{secret}</c>, like the service's).</summary>
    public static async Task CreateAsync(NpgsqlDataSource db, string? apiKey)
    {
        await using var command = db.CreateCommand("""
            CREATE TABLE IF NOT EXISTS api_keys (
                id uuid PRIMARY KEY, organization_id text NOT NULL, user_id text NOT NULL, secret_hash bytea NOT NULL,
                permissions text[] NOT NULL, revoked_at timestamptz);
            CREATE TABLE IF NOT EXISTS parties (
                organization_id text NOT NULL, id uuid NOT NULL, number text NOT NULL, name_key text, version int NOT NULL,
                data jsonb NOT NULL, created timestamptz NOT NULL, modified timestamptz NOT NULL,
                PRIMARY KEY (organization_id, id));
            CREATE UNIQUE INDEX IF NOT EXISTS parties_number ON parties (organization_id, number);
            CREATE INDEX IF NOT EXISTS parties_name_key ON parties (organization_id, name_key);
            """);
        await command.ExecuteNonQueryAsync();
        await using var floor = db.CreateCommand(EventSourcedFloor.Ddl);
        await floor.ExecuteNonQueryAsync();
        if (string.IsNullOrEmpty(apiKey)) return;

        var (id, secret) = ApiKeys.Parse(apiKey) ?? throw new InvalidOperationException("Baseline:ApiKey is not pk_{id}_{secret}.");
        await using var insert = db.CreateCommand(
            "INSERT INTO api_keys VALUES ($1, 'bench', 'bob', $2, ARRAY['read','write'], NULL) ON CONFLICT DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = ApiKeys.Hash(secret) });
        await insert.ExecuteNonQueryAsync();
    }
}
