using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Erasure;
using Shouldly;
using Wolverine;

namespace Parties.Api.Tests.Erasure;

/// <summary>The app with the erasure's second masking due a second after the erasure.</summary>
public sealed class QuickRemaskApp(TestPostgres postgres) : AppFixture(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        base.Settings.Append(("Parties:Erasure:MaskAgainAfter", "00:00:01"));
}

/// <summary>
/// An erasure is two transactions: the erasure with the emptied snapshot, then the masking of the stored events. A request
/// that dies between them leaves the values in the events; the durable message committed with the erasure masks them.
/// </summary>
public class an_erasure_cut_off_after_its_commit_is_finished_by_its_durable_message(QuickRemaskApp app) : IClassFixture<QuickRemaskApp>
{
    private async Task<long> EventsHoldingAsync(string value)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from parties.mt_events where strpos(data::text, @value) > 0", connection);
        command.Parameters.AddWithValue("value", value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task the_events_are_masked_without_the_request_that_erased()
    {
        var org = await Organizations.CreateAsync(app.Host, "Cut Off");
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "CUT-1", party_type = "individual", first_name = "Shirin", notes = "Shirin's note" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "Another of Shirin's notes" }, 200);

        // What the endpoint does first, and nothing after: as if the process died once the erasure committed.
        using var scope = app.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var decision = await bus.InvokeForTenantAsync<ErasureDecision>(org.Id,
            new EraseParty(id, "asked by the person", new Actor("alice", Guid.Empty, "parties", "cut-off")));
        decision.Found.ShouldBeTrue();
        (await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/")).GetProperty("is_erased").GetBoolean().ShouldBeTrue();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await EventsHoldingAsync("Shirin") > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        (await EventsHoldingAsync("Shirin")).ShouldBe(0);
        var history = (await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/history/")).GetProperty("results");
        history.EnumerateArray().ShouldAllBe(e => e.GetProperty("erased").GetBoolean());
    }
}
