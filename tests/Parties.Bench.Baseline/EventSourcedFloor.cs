using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Parties.Bench.Baseline;

/// <summary>
/// What an event-sourced create costs in SQL alone: the same key check and validation as <see cref="Endpoints.CreateParty"/>,
/// then one statement (one round trip, atomic) that writes a stream row, an event row and a snapshot document, into
/// three plain tables shaped like Marten's <c>mt_streams</c>, <c>mt_events</c> and <c>mt_doc_party</c> (conjoined
/// tenancy, the event's metadata columns, the snapshot's unique number and its name index). No framework, no audit
/// table, no list indexes beyond the name: the floor under any event store.
/// </summary>
public static class EventSourcedFloor
{
    public const string Path = "/es/api/parties/";

    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS es_streams (
            tenant_id varchar NOT NULL, id uuid NOT NULL, type varchar, version bigint NOT NULL,
            timestamp timestamptz NOT NULL DEFAULT now(), snapshot jsonb, snapshot_version integer,
            created timestamptz NOT NULL DEFAULT now(), is_archived boolean DEFAULT false,
            PRIMARY KEY (tenant_id, id));
        CREATE TABLE IF NOT EXISTS es_events (
            seq_id bigserial PRIMARY KEY, id uuid NOT NULL, stream_id uuid NOT NULL, version bigint NOT NULL,
            data jsonb NOT NULL, type varchar(500) NOT NULL, timestamp timestamptz NOT NULL DEFAULT now(),
            tenant_id varchar NOT NULL, mt_dotnet_type varchar, correlation_id varchar, causation_id varchar,
            headers jsonb, user_name varchar, is_archived boolean DEFAULT false);
        CREATE UNIQUE INDEX IF NOT EXISTS es_events_stream_and_version ON es_events (tenant_id, stream_id, version);
        CREATE TABLE IF NOT EXISTS es_party (
            tenant_id varchar NOT NULL, id uuid NOT NULL, data jsonb NOT NULL, mt_last_modified timestamptz DEFAULT now(),
            mt_version uuid NOT NULL, mt_dotnet_type varchar, PRIMARY KEY (tenant_id, id));
        CREATE UNIQUE INDEX IF NOT EXISTS es_party_number ON es_party (tenant_id, (data ->> 'number'));
        CREATE INDEX IF NOT EXISTS es_party_name_key ON es_party ((data ->> 'nameKey'));
        """;

    private const string Append = """
        WITH stream AS (
            INSERT INTO es_streams (tenant_id, id, type, version) VALUES ($1, $2, 'party', 1)),
        event AS (
            INSERT INTO es_events (id, stream_id, version, data, type, tenant_id, mt_dotnet_type, correlation_id, headers, user_name)
            VALUES ($3, $2, 1, $4, 'party_registered', $1, 'Parties.PartyRegistered, Parties', $5, $6, $7))
        INSERT INTO es_party (tenant_id, id, data, mt_version, mt_dotnet_type) VALUES ($1, $2, $8, $3, 'Parties.Party')
        """;

    public static async Task<IResult> CreateParty(HttpContext http, NpgsqlDataSource db)
    {
        var (caller, body, refusal) = await Endpoints.ReadCreateAsync(http, db);
        if (refusal is not null) return refusal;

        var id = Guid.CreateVersion7();
        var number = body!["number"]!.GetValue<string>();
        var partyType = body["party_type"]!.GetValue<string>();
        var name = partyType == "individual"
            ? $"{Endpoints.Text(body, "first_name")} {Endpoints.Text(body, "last_name")}".Trim()
            : Endpoints.Text(body, "legal_name");
        var now = DateTimeOffset.UtcNow;
        var registered = new JsonObject { ["partyId"] = id, ["data"] = body.DeepClone() };
        var snapshot = new JsonObject
        {
            ["id"] = id, ["version"] = 1, ["data"] = body.DeepClone(), ["createdAt"] = now, ["modifiedAt"] = now, ["number"] = number,
            ["nameKey"] = name?.ToLowerInvariant(),
        };

        await using var command = db.CreateCommand(Append);
        command.Parameters.Add(new NpgsqlParameter { Value = caller!.OrganizationId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = registered.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = http.TraceIdentifier });
        command.Parameters.Add(new NpgsqlParameter { Value = "{\"dialect\":\"parties\"}", NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = caller.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        try
        {
            await command.ExecuteNonQueryAsync(http.RequestAborted);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Endpoints.Field("number", "party with this number already exists.");
        }

        body["id"] = id;
        body["is_active"] ??= true;
        body["version"] = 1;
        body["created"] = now;
        body["modified"] = now;
        http.Response.Headers.ETag = "\"1\"";
        return Results.Json(body, Endpoints.Snake, statusCode: 201);
    }
}
