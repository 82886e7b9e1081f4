using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Parties.Bench;

/// <summary>
/// Fills the baseline's tables to the service's size before the workloads (the plain table, and the event-sourced
/// floor's stream, event and snapshot tables), with the same generated parties, so cold pages and index depth cost
/// both sides alike. Binary COPY: the load is not measured.
/// </summary>
public static class BaselineLoad
{
    public const string Organization = "bench";

    public static async Task LoadAsync(BenchPostgres postgres, int count)
    {
        var fake = new FakeParties(4242);
        var templates = Enumerable.Range(0, 256).Select(i => Template(fake.Party("@@", vendor: i % 2 == 1))).ToArray();
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(Bench.BaselineDatabase));
        await connection.OpenAsync();
        var now = DateTimeOffset.UtcNow;

        await using (var plain = await connection.BeginBinaryImportAsync(
                         "COPY parties (organization_id, id, number, name_key, version, data, created, modified) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var (id, number, body, nameKey) = Row(templates, i);
                body["id"] = id;
                body["is_active"] = true;
                body["version"] = 1;
                body["created"] = now;
                body["modified"] = now;
                await plain.StartRowAsync();
                await plain.WriteAsync(Organization);
                await plain.WriteAsync(id);
                await plain.WriteAsync(number);
                await plain.WriteAsync(nameKey, NpgsqlDbType.Text);
                await plain.WriteAsync(1);
                await plain.WriteAsync(body.ToJsonString(), NpgsqlDbType.Jsonb);
                await plain.WriteAsync(now);
                await plain.WriteAsync(now);
            }
            await plain.CompleteAsync();
        }

        var ids = new Guid[count];
        await using (var streams = await connection.BeginBinaryImportAsync("COPY es_streams (tenant_id, id, type, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                ids[i] = Guid.CreateVersion7();
                await streams.WriteRowAsync(default, Organization, ids[i], "party", 1L);
            }
            await streams.CompleteAsync();
        }
        await using (var events = await connection.BeginBinaryImportAsync(
                         "COPY es_events (id, stream_id, version, data, type, tenant_id, mt_dotnet_type, user_name) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var (_, _, body, _) = Row(templates, i);
                await events.StartRowAsync();
                await events.WriteAsync(Guid.CreateVersion7());
                await events.WriteAsync(ids[i]);
                await events.WriteAsync(1L);
                await events.WriteAsync(new JsonObject { ["partyId"] = ids[i], ["data"] = body }.ToJsonString(), NpgsqlDbType.Jsonb);
                await events.WriteAsync("party_registered");
                await events.WriteAsync(Organization);
                await events.WriteAsync("Parties.PartyRegistered, Parties");
                await events.WriteAsync("bob");
            }
            await events.CompleteAsync();
        }
        await using (var snapshots = await connection.BeginBinaryImportAsync(
                         "COPY es_party (tenant_id, id, data, mt_version, mt_dotnet_type) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var (_, number, body, nameKey) = Row(templates, i);
                var snapshot = new JsonObject
                {
                    ["id"] = ids[i], ["version"] = 1, ["data"] = body, ["createdAt"] = now, ["modifiedAt"] = now, ["number"] = number,
                    ["nameKey"] = nameKey,
                };
                await snapshots.StartRowAsync();
                await snapshots.WriteAsync(Organization);
                await snapshots.WriteAsync(ids[i]);
                await snapshots.WriteAsync(snapshot.ToJsonString(), NpgsqlDbType.Jsonb);
                await snapshots.WriteAsync(Guid.CreateVersion7());
                await snapshots.WriteAsync("Parties.Party");
            }
            await snapshots.CompleteAsync();
        }
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private sealed record Templated(string Json, string? NameKey);

    private static Templated Template(Dictionary<string, object?> body)
    {
        var name = body.TryGetValue("legal_name", out var legal) && legal is string l ? l : $"{body.GetValueOrDefault("first_name")} {body.GetValueOrDefault("last_name")}".Trim();
        return new Templated(JsonSerializer.Serialize(body), name.ToLowerInvariant());
    }

    private static (Guid Id, string Number, JsonObject Body, string? NameKey) Row(Templated[] templates, int i)
    {
        var template = templates[i % templates.Length];
        var number = $"base-{i:x}";
        var body = JsonNode.Parse(template.Json.Replace("@@", number, StringComparison.Ordinal))!.AsObject();
        return (Guid.CreateVersion7(), number, body, template.NameKey?.Replace("@@", number, StringComparison.Ordinal));
    }
}
