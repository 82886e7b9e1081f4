using System.Collections.Immutable;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parties.Reference;
using Parties.Api.Tests.Infrastructure;
using Parties.Testing;
using Shouldly;
using Wolverine;
using Wolverine.Marten;

namespace Parties.Api.Tests.PartiesDialect;

/// <summary>
/// A create and an update each reach PostgreSQL twice: their reads (with the BEGIN), then their writes with the COMMIT
/// (CommitInLastBatch). Counted at the wire by a relay in front of the database; the app's background work (Wolverine's
/// agents, the daemon) speaks through it too and can only add, so the fewest of several writes is the write's own count.
/// </summary>
public class a_single_write_is_two_round_trips(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Actor Actor = new("round-trips", Guid.NewGuid(), "parties", "request");

    [Fact]
    public async Task a_create_and_an_update_each_take_two_round_trips_and_commit()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        await using var relay = new RoundTripProxy(database.Port);
        database.Port = relay.Port;
        await using var host = await AppFixture.StartHostAsync(database.ConnectionString,
            [("Parties:ApplySchemaOnStartup", "false")]);
        using var scope = host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();

        var creates = new List<long>();
        var updates = new List<long>();
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            creates.Add(await CountAsync(relay, () => bus.InvokeForTenantAsync<PartyDecision>(org.Id,
                new RegisterParty(id, [new SetPartyType("party_type", PartyType.Organization), new SetNumber("number", $"RT-{i}")], Actor))));
            updates.Add(await CountAsync(relay, () => bus.InvokeForTenantAsync<PartyDecision>(org.Id,
                new UpdateParty(id, [new SetValue<string?>("notes", PartyFields.Notes, $"note {i}")], EditMode.AllOrNothing, null, Actor))));
        }

        creates.Min().ShouldBe(2, $"round trips per create: {string.Join(", ", creates)}");
        updates.Min().ShouldBe(2, $"round trips per update: {string.Join(", ", updates)}");
        await using var session = app.Store.QuerySession(org.Id);
        foreach (var id in ids)
        {
            var party = (await session.LoadAsync<Party>(id)).ShouldNotBeNull();
            party.Version.ShouldBe(2);
            (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task a_check_marten_makes_after_the_batch_is_reported_as_a_committed_write_not_as_nothing_written()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = Guid.CreateVersion7();

        // Marten checks an optimistic document's version in .NET after the batch, which here comes after the COMMIT.
        var refused = await Should.ThrowAsync<CommittedDespiteException>(() => CommitInLastBatch.WriteAsync(app.Store, org.Id, Actor, session =>
        {
            session.Events.StartStream<Party>(id, new PartyRegistered(id, new PartyData { Number = "AFTER-1" }));
            session.UpdateExpectedVersion(new ReferenceData(), Guid.NewGuid());
            return NothingMore();
        }, TestContext.Current.CancellationToken));

        refused.InnerException.ShouldBeOfType<ConcurrencyException>();
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_write_whose_last_batch_fails_leaves_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = Guid.CreateVersion7();
        await CommitInLastBatch.WriteAsync(app.Store, org.Id, Actor, session =>
        {
            session.Events.StartStream<Party>(id, new PartyRegistered(id, new PartyData { Number = "FIRST-1" }));
            return NothingMore();
        }, TestContext.Current.CancellationToken);

        // The same number again: the snapshot's unique index refuses it, after the second stream's rows in the same batch.
        var second = Guid.CreateVersion7();
        await Should.ThrowAsync<Exception>(() => CommitInLastBatch.WriteAsync(app.Store, org.Id, Actor, session =>
        {
            session.Events.StartStream<Party>(second, new PartyRegistered(second, new PartyData { Number = "FIRST-1" }));
            return NothingMore();
        }, TestContext.Current.CancellationToken));

        await using var query = app.Store.QuerySession(org.Id);
        (await query.Events.FetchStreamStateAsync(second)).ShouldBeNull();
        (await query.LoadAsync<Party>(second)).ShouldBeNull();
    }

    /// <summary>What a write function returns when it queued its work on the session itself.</summary>
    private static Task<(int, IEnumerable<IMartenOp>)> NothingMore() => Task.FromResult((0, Enumerable.Empty<IMartenOp>()));

    private static async Task<long> CountAsync(RoundTripProxy relay, Func<Task<PartyDecision>> write)
    {
        var before = relay.RoundTrips;
        (await write()).Status.ShouldBe(DecisionStatus.Done);
        return relay.RoundTrips - before;
    }
}
