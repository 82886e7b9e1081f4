using System.Diagnostics;
using System.Text.Json;
using Alba;
using Marten;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>Two instances of the app on one database (<see cref="TwoReplicas"/>), written to at once.</summary>
public class races_across_two_replicas(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    private const int Writers = 50;

    [Fact]
    public async Task fifty_vendor_patches_of_different_fields_half_through_each_replica_all_land_without_a_gap()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        for (var i = 0; i < Writers; i++)
            await Organizations.PutAsync(replicas.First, org.AdminKey, $"/admin/flex-fields/f{i:00}", new { type = "VARCHAR" });
        var id = await Vendors.CreateAsync(replicas.Second, org.AdminKey, "Contended Vendor");

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => replicas.For(i).Scenario(s =>
        {
            s.Patch.Json(new { vendorData = new { customFields = new Dictionary<string, object> { [$"f{i:00}"] = new { type = "VARCHAR", value = $"value {i}" } } } })
                .ToUrl($"/v1.0/vendor/{id}");
            s.WithApiKey(i % 3 == 0 ? org.BookkeeperKey : org.AdminKey);
            s.IgnoreStatusCode();
        })));
        clock.Stop();

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToArray();
        var bodies = await Task.WhenAll(answers.Select(a => a.ReadAsTextAsync()));
        statuses.ShouldAllBe(s => s >= 200 && s < 300, string.Join("\n", bodies.Where(b => !b.Contains("\"ok\":true"))));
        for (var i = 0; i < Writers; i++)
            JsonDocument.Parse(bodies[i]).RootElement.Update("customFields").GetProperty($"f{i:00}").GetProperty("update").GetBoolean()
                .ShouldBeTrue(bodies[i]);

        var fields = (await Vendors.GetAsync(replicas.First, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data").GetProperty("customFields");
        for (var i = 0; i < Writers; i++)
            fields.GetProperty($"f{i:00}").GetProperty("value").GetString().ShouldBe($"value {i}");
        (await replicas.StreamVersionsAsync(id)).ShouldBe(Enumerable.Range(1, Writers + 1).Select(v => (long)v));
        Report($"{Writers} concurrent Vendors PATCHes over 2 replicas: {statuses.Count(s => s is >= 200 and < 300)}×2xx, " +
               $"versions 1..{Writers + 1}, 0 lost; took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task fifty_parties_patches_without_if_match_half_through_each_replica_each_leave_one_event()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        var id = await replicas.First.CreateIdAsync(org.AdminKey, new { number = "RACE-1", party_type = "individual", first_name = "Ann" });
        string[] fields = ["notes", "first_name", "last_name"];
        string[] eventFields = ["notes", "firstName", "lastName"];

        // Several writers share a field, each with a value of its own: no value may be lost on the way, so
        // every one must be the "after" of exactly one event, and the party ends with each field's last one.
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => replicas.For(i).Scenario(s =>
        {
            s.Patch.Json(new Dictionary<string, string> { [fields[i % fields.Length]] = $"value {i:00}" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.IgnoreStatusCode();
        })));
        clock.Stop();

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToArray();
        var bodies = await Task.WhenAll(answers.Select(a => a.ReadAsTextAsync()));
        statuses.ShouldAllBe(s => s == 200, string.Join("\n", bodies.Where(b => !b.StartsWith("{\"id\""))));

        var versions = await replicas.StreamVersionsAsync(id);
        versions.ShouldBe(Enumerable.Range(1, Writers + 1).Select(v => (long)v));
        var changes = (await ChangedValuesAsync(id)).Where(c => eventFields.Contains(c.Field)).ToList();
        changes.Count.ShouldBe(Writers, string.Join(", ", changes));
        for (var i = 0; i < Writers; i++)
            changes.Count(c => c == (eventFields[i % fields.Length], $"value {i:00}")).ShouldBe(1, $"value {i:00}");

        var party = await replicas.Second.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/");
        for (var f = 0; f < fields.Length; f++)
            party.GetProperty(fields[f]).GetString().ShouldBe(changes.Last(c => c.Field == eventFields[f]).After);
        Report($"{Writers} concurrent Parties PATCHes over 2 replicas: {statuses.Count(s => s == 200)}×200, " +
               $"versions 1..{versions.Length}, 0 lost; took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task two_replicas_creating_one_party_number_at_once_make_one_party_and_a_drf_400()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        for (var round = 0; round < 10; round++)
        {
            var number = $"SAME-{round}";
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => replicas.For(i).Scenario(s =>
            {
                s.Post.Json(new { number, party_type = "individual", first_name = $"Writer {i}" }).ToUrl("/api/parties/");
                s.WithApiKey(org.AdminKey);
                s.IgnoreStatusCode();
            })));

            answers.Select(a => a.Context.Response.StatusCode).Order().ShouldBe([201, 400]);
            var loser = await answers.Single(a => a.Context.Response.StatusCode == 400).JsonAsync();
            loser.GetProperty("number")[0].GetString().ShouldBe("party with this number already exists.");
            await using var session = replicas.Store.QuerySession(org.Id);
            (await session.Query<Party>().CountAsync(p => p.Number == number)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task two_replicas_renaming_two_vendors_to_one_name_at_once_leave_one_winner()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        for (var round = 0; round < 6; round++)
        {
            var first = await Vendors.CreateAsync(replicas.First, org.AdminKey, $"First {round}");
            var second = await Vendors.CreateAsync(replicas.Second, org.AdminKey, $"Second {round}");
            var name = $"Contested {round}";

            var answers = await Task.WhenAll(
                Vendors.PatchAsync(replicas.First, org.AdminKey, first, new { name }),
                Vendors.PatchAsync(replicas.Second, org.BookkeeperKey, second, new { name = name.ToUpperInvariant() }));

            var outcomes = answers.Select(a => a.Update("name")).ToArray();
            outcomes.Count(o => o.GetProperty("update").GetBoolean()).ShouldBe(1, string.Join("\n", answers.Select(a => a.GetRawText())));
            var loser = outcomes.Single(o => !o.GetProperty("update").GetBoolean());
            loser.GetProperty("error").GetProperty("code").GetString().ShouldBe("DUPLICATE_VENDOR_NAME");
            await using var session = replicas.Store.QuerySession(org.Id);
            (await session.Query<Party>().CountAsync(p => p.VendorNameKey == name.ToLowerInvariant())).ShouldBe(1);
        }
    }

    /// <summary>Every field change of the stream's PartyChanged events, in order, read from the events table.</summary>
    private async Task<List<(string Field, string? After)>> ChangedValuesAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(replicas.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select data::text from {PartiesStore.Schema}.mt_events where stream_id = $1 and version > 1 order by version", connection)
        {
            Parameters = { new NpgsqlParameter { Value = id } },
        };
        var changes = new List<(string, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            foreach (var change in JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty("changes").EnumerateArray())
                changes.Add((change.GetProperty("field").GetString()!, change.GetProperty("after").ToString()));
        return changes;
    }

    private static void Report(string figure) => TestContext.Current.TestOutputHelper?.WriteLine(figure);
}
