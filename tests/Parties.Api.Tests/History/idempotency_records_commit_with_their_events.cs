using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.History;

/// <summary>A database failure in either half of the write (events or key) leaves neither: one transaction.</summary>
public class idempotency_records_commit_with_their_events(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Body = JsonSerializer.Serialize(new { number = "A-1", party_type = "individual" });

    private Task RefuseInsertsAsync(string table) => app.ExecuteAsync($"""
        create or replace function parties.refuse_insert() returns trigger language plpgsql as $$
        begin raise exception 'simulated crash'; end $$;
        create trigger refuse_insert before insert on parties.{table} for each row execute function parties.refuse_insert();
        """);

    [Theory]
    [InlineData("mt_events")]
    [InlineData("mt_doc_idempotencyrecord")]
    [InlineData("mt_doc_party")]
    public async Task a_write_that_fails_at_commit_keeps_neither_its_events_nor_its_key(string failingTable)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        await RefuseInsertsAsync(failingTable);
        try
        {
            (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/api/parties/", Body, key)).Status.ShouldBe(500);
            (await app.EventCountAsync(org)).ShouldBe(0);
            (await app.IdempotencyRecordsAsync(org)).ShouldBeEmpty();
        }
        finally
        {
            await app.ExecuteAsync($"drop trigger refuse_insert on parties.{failingTable};");
        }

        var retried = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/api/parties/", Body, key);
        retried.Status.ShouldBe(201, retried.Body);
        retried.Replayed.ShouldBeFalse();
        (await app.EventCountAsync(org)).ShouldBe(1);
        (await app.IdempotencyRecordsAsync(org)).ShouldHaveSingleItem().Replays.ShouldBeTrue();
    }
}
