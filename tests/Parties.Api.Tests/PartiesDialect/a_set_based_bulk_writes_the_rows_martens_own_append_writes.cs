using System.Collections.Immutable;
using System.Text.Json;
using Marten;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;
using Wolverine.Marten;

namespace Parties.Api.Tests.PartiesDialect;

/// <summary>
/// <see cref="SetBasedPartyAppend"/> writes Marten's tables itself; these prove it writes what Marten would, that the
/// events it writes rebuild into the snapshots it wrote, and that the change feed still sees every event once, in order.
/// </summary>
public class a_set_based_bulk_writes_the_rows_martens_own_append_writes(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Bulk = "/api/parties/bulk/";

    [Fact]
    public void the_marten_in_use_is_the_version_the_set_based_append_mirrors() =>
        typeof(IDocumentStore).Assembly.GetName().Version.ShouldBe(new Version(9, 58, 0, 0),
            "SetBasedPartyAppend copies the rows of Marten 9.58.0's Quick append: check them against the new version's own " +
            "(the test below) and its mt_quick_append_events function before moving the pin.");

    private static ImmutableArray<PartyRegistered> Registrations(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var id = Guid.CreateVersion7();
            return new PartyRegistered(id, i % 2 == 0
                ? new PartyData { Number = $"S{i:000}", PartyType = PartyType.Individual, FirstName = $"Sam {i}", Name = $"Sam {i}", Notes = "ﻧﻮﺷﺘﻪ" }
                : new PartyData
                {
                    Number = $"S{i:000}", PartyType = PartyType.Organization, Name = $"Vendor {i} Ltd", Roles = ["vendor"],
                    Addresses = [new Address { AddressType = AddressType.Billing, City = "تهران", Line1 = "خیابان آزادی", IsDefault = true }],
                });
        }),
    ];

    private async Task WriteAsync(TestOrganization org, ImmutableArray<PartyRegistered> events, bool setBased)
    {
        await using var session = app.Store.LightweightSession(org.Id);
        ActorMetadata.Before(new RegisterParties([], new Actor("bob", Guid.Parse("01a2328b-74d7-7aab-8465-e2f37f1dc7d4"), "parties", "req-1")),
            session);
        session.CausationId = "envelope-1";
        IEnumerable<IMartenOp> ops = setBased ? [new SetBasedPartyAppend(events)] : events.Select(e => MartenOps.StartStream<Party>(e.PartyId, e));
        foreach (var op in ops) op.Execute(session);
        await session.SaveChangesAsync();
    }

    /// <summary>Each row as JSON without the columns that differ by nature (tenant, ids, sequence, clock), by stream.</summary>
    private async Task<string[]> RowsAsync(string tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return [.. rows];
    }

    private async Task<(string[] Streams, string[] Events, string[] Parties, string[] Clock)> TablesAsync(string tenant) =>
    (
        await RowsAsync(tenant, "select (to_jsonb(s) - 'tenant_id' - 'timestamp' - 'created')::text from parties.mt_streams s " +
                                "where tenant_id = @tenant order by id"),
        await RowsAsync(tenant, "select (to_jsonb(e) - 'tenant_id' - 'seq_id' - 'id' - 'timestamp')::text from parties.mt_events e " +
                                "where tenant_id = @tenant order by stream_id"),
        await RowsAsync(tenant, "select (to_jsonb(p) - 'tenant_id' - 'mt_last_modified' - 'modified_at' || jsonb_build_object('data', " +
                                "p.data - 'createdAt' - 'modifiedAt'))::text from parties.mt_doc_party p where tenant_id = @tenant order by id"),
        // The clock columns agree with each other within a write: the snapshot's times are its event's, the stream's
        // and the snapshot row's are the transaction's.
        await RowsAsync(tenant, "select jsonb_build_object('created', (p.data->>'createdAt')::timestamptz = e.timestamp, " +
                                "'modified', (p.data->>'modifiedAt')::timestamptz = e.timestamp, 'modified_column', p.modified_at = e.timestamp, " +
                                "'stream', s.timestamp = s.created " +
                                "and s.created = p.mt_last_modified)::text from parties.mt_doc_party p " +
                                "join parties.mt_events e on e.tenant_id = p.tenant_id and e.stream_id = p.id " +
                                "join parties.mt_streams s on s.tenant_id = p.tenant_id and s.id = p.id where p.tenant_id = @tenant order by p.id")
    );

    [Fact]
    public async Task the_streams_events_and_snapshots_equal_those_of_martens_start_stream_column_for_column()
    {
        var events = Registrations(40);
        var marten = await Organizations.CreateAsync(app.Host, "Marten's own");
        var setBased = await Organizations.CreateAsync(app.Host, "Set-based");
        await WriteAsync(marten, events, setBased: false);
        await WriteAsync(setBased, events, setBased: true);

        var expected = await TablesAsync(marten.Id);
        var actual = await TablesAsync(setBased.Id);
        expected.Streams.Length.ShouldBe(40);
        expected.Events.Length.ShouldBe(40);
        expected.Parties.Length.ShouldBe(40);
        actual.Streams.ShouldBe(expected.Streams);
        actual.Events.ShouldBe(expected.Events);
        actual.Parties.ShouldBe(expected.Parties);
        actual.Clock.ShouldAllBe(r => r == """{"stream": true, "created": true, "modified": true, "modified_column": true}""");
        expected.Clock.ShouldAllBe(r => r == """{"stream": true, "created": true, "modified": true, "modified_column": true}""");

        // And Marten reads them back as its own: the events through its event store, the snapshot through its document store.
        await using var session = app.Store.QuerySession(setBased.Id);
        var e = (await session.Events.FetchStreamAsync(events[1].PartyId)).ShouldHaveSingleItem();
        e.Data.ShouldBeOfType<PartyRegistered>().Data.Name.ShouldBe("Vendor 1 Ltd");
        e.UserName.ShouldBe("bob");
        e.CorrelationId.ShouldBe("req-1");
        e.GetHeader("dialect")!.ToString().ShouldBe("parties");
        (await session.LoadAsync<Party>(events[1].PartyId))!.VendorNameKey.ShouldBe("vendor 1 ltd");
        (await session.Events.AggregateStreamAsync<Party>(events[1].PartyId))!.VendorNameKey.ShouldBe("vendor 1 ltd");
    }

    [Fact]
    public async Task a_bulk_is_one_transaction_and_its_unique_indexes_still_decide_a_race()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var items = Enumerable.Range(0, 300).Select(i => new
        {
            number = $"B{i:000}", party_type = "organization", legal_name = $"Bulk {i}", role = "vendor",
        }).ToArray();
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk, items, 201)).GetArrayLength().ShouldBe(300);
        (await app.CountAsync(org)).ShouldBe((300, 300, 300));

        // Rows written by one transaction share its id (xmin): the streams, events and snapshots of the whole bulk.
        (await XminsAsync(org.Id)).ShouldBe(1L);

        // A second bulk racing a single create for one of its numbers: one of them wins, nothing is half written.
        var race = Enumerable.Range(0, 300).Select(i => new
        {
            number = $"C{i:000}", party_type = "organization", legal_name = $"Race {i}", role = "vendor",
        }).ToArray();
        var bulk = SendAnyAsync(org.AdminKey, Bulk, race);
        var single = SendAnyAsync(org.AdminKey, "/api/parties/", new { number = "C150", party_type = "individual", first_name = "Quick" });
        var statuses = await Task.WhenAll(bulk, single);
        statuses.ShouldContain(400);
        statuses.ShouldContain(201);
        var counts = await app.CountAsync(org);
        // A single create that loses at the unique index (its commit fails after Marten numbered its event) leaves Marten's
        // tombstone in that sequence number, so the high-water mark can pass it: no party event, no party row.
        var partyEvents = counts.Events - await TombstonesAsync(org);
        partyEvents.ShouldBe(statuses[0] == 201 ? 600 : 301);
        counts.Parties.ShouldBe(partyEvents);
        counts.Audit.ShouldBe(partyEvents);
    }

    private async Task<int> TombstonesAsync(TestOrganization org)
    {
        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        return events.Count(e => e.EventType.Assembly != typeof(Party).Assembly);
    }

    private async Task<int> SendAnyAsync(string key, string url, object body)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.WithApiKey(key);
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task bulks_racing_single_writes_leave_the_change_feed_gap_free_and_in_order()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var seen = new List<(long Sequence, Guid Party)>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            long after = 0;
            while (true)
            {
                var finished = done.IsCancellationRequested;
                var page = await app.Host.GetJsonAsync(org.AdminKey, $"/api/changes/?after={after}&limit=1000");
                seen.AddRange(page.GetProperty("results").EnumerateArray()
                    .Select(i => (i.GetProperty("sequence").GetInt64(), i.GetProperty("party").GetGuid())));
                after = page.GetProperty("after").GetInt64();
                if (finished && page.GetProperty("results").GetArrayLength() == 0) return;
                await Task.Delay(20);
            }
        });

        var bulks = Enumerable.Range(0, 4).Select(b => app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk,
            Enumerable.Range(0, 250).Select(i => new { number = $"F{b}-{i:000}", party_type = "individual", first_name = $"F {i}" }).ToArray(), 201));
        var singles = Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Delay(i * 10);
            var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = $"G{i:000}", party_type = "individual", first_name = "G" });
            await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "changed" }, 200);
        });
        await Task.WhenAll(bulks.Concat(singles));

        // Whatever the feed has not handed out yet it must hand out once the last write is committed.
        var expected = await SequencesAsync(org.Id);
        expected.Count.ShouldBe(1000 + 80);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (seen.Count < expected.Count && DateTime.UtcNow < deadline) await Task.Delay(100);
        await done.CancelAsync();
        await reader;

        seen.Select(s => s.Sequence).ShouldBe(expected.Select(e => e.Sequence), "every event exactly once, in global order");
        seen.Select(s => s.Party).ShouldBe(expected.Select(e => e.Party));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"4 bulks of 250 racing 40 creates and 40 PATCHes: the feed handed out {seen.Count} events, each once, in order");
    }

    private async Task<long> XminsAsync(string tenant)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(distinct x) from (select xmin::text as x from parties.mt_events where tenant_id = @tenant " +
            "union all select xmin::text from parties.mt_streams where tenant_id = @tenant " +
            "union all select xmin::text from parties.mt_doc_party where tenant_id = @tenant) t", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<(long Sequence, Guid Party)>> SequencesAsync(string tenant)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select seq_id, stream_id from parties.mt_events where tenant_id = @tenant order by seq_id", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var rows = new List<(long, Guid)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetGuid(1)));
        return rows;
    }
}
