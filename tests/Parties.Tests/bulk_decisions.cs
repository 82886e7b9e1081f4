using System.Collections.Immutable;
using Parties.Reference;
using Shouldly;

namespace Parties.Tests;

public class bulk_decisions
{
    private static readonly Actor Actor = new("alice", Guid.NewGuid(), "parties", "req-1");
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly PartyContext Empty = PartyContext.Of(new ReferenceData());

    private static NewParty Create(string number, string? vendorName = null) => new(Guid.CreateVersion7(),
    [
        new SetPartyType("party_type", PartyType.Organization),
        new SetNumber("number", number),
        .. vendorName is null ? Array.Empty<PartyEdit>() : [new SetBuiltInRoles("role", [Roles.Vendor]), new SetName("legal_name", vendorName)],
    ]);

    [Fact]
    public void registering_a_batch_gives_one_event_per_item_in_order()
    {
        var (decision, events) = RegisterPartiesHandler.Decide(new RegisterParties([Create("1"), Create("2")], Actor), Empty, Now);
        decision.Succeeded.ShouldBeTrue();
        decision.Parties.Select(p => p.Data.Number).ShouldBe(["1", "2"]);
        decision.Parties.ShouldAllBe(p => p.Version == 1 && p.CreatedAt == Now);
        events.Select(e => e.Data.Number).ShouldBe(["1", "2"]);
    }

    [Fact]
    public void a_number_twice_in_a_batch_fails_the_later_item_and_gives_no_events()
    {
        var (decision, events) = RegisterPartiesHandler.Decide(new RegisterParties([Create("1"), Create("2"), Create("1")], Actor), Empty, Now);
        decision.Failure.ShouldBe(new BulkFailure(2, "number", decision.Failure!.Error));
        decision.Failure.Error.Code.ShouldBe(ErrorCodes.DuplicateNumber);
        decision.Parties.ShouldBeEmpty();
        events.ShouldBeEmpty();
    }

    [Fact]
    public void a_vendor_name_twice_in_a_batch_is_refused_case_insensitively()
    {
        var (decision, _) = RegisterPartiesHandler.Decide(
            new RegisterParties([Create("1", "Acme"), Create("2", " ACME ")], Actor), Empty, Now);
        decision.Failure!.Index.ShouldBe(1);
        decision.Failure.Key.ShouldBe("legal_name");
        decision.Failure.Error.Code.ShouldBe(ErrorCodes.DuplicateVendorName);
    }

    [Fact]
    public void a_number_held_in_the_store_is_refused()
    {
        var held = Empty with { NumberHolders = new Dictionary<string, PartyRef> { ["7"] = new(Guid.NewGuid(), "Seven") } };
        var (decision, _) = RegisterPartiesHandler.Decide(new RegisterParties([Create("7")], Actor), held, Now);
        decision.Failure!.Error.Code.ShouldBe(ErrorCodes.DuplicateNumber);
    }

    [Fact]
    public void updates_find_parties_by_number_and_skip_the_event_of_an_unchanged_one()
    {
        var a = Party("A", "old");
        var b = Party("B", "same");
        var batch = new PartyUpdateBatch(Empty, new Dictionary<string, Party> { ["A"] = a, ["B"] = b });
        var command = new UpdateParties(
        [
            new PartyUpdate("A", [new SetValue<string?>("notes", PartyFields.Notes, "new")]),
            new PartyUpdate("B", [new SetValue<string?>("notes", PartyFields.Notes, "same")]),
        ], Actor);

        var (decision, events) = UpdatePartiesHandler.Decide(command, batch, Now);
        decision.Parties.Select(p => (p.Data.Notes, p.Version)).ShouldBe([("new", 4), ("same", 3)]);
        var single = events.ShouldHaveSingleItem();
        single.StreamId.ShouldBe(a.Id);
        single.Version.ShouldBe(4);
        single.Event.ShouldBeOfType<PartyChanged>().Changes.ShouldHaveSingleItem().Field.ShouldBe("notes");
    }

    [Fact]
    public void an_unknown_or_repeated_number_fails_its_item()
    {
        var batch = new PartyUpdateBatch(Empty, new Dictionary<string, Party> { ["A"] = Party("A", null) });
        var unknown = UpdatePartiesHandler.Decide(new UpdateParties([new PartyUpdate("A", []), new PartyUpdate("Z", [])], Actor), batch, Now);
        unknown.Decision.Failure.ShouldBe(new BulkFailure(1, "number", unknown.Decision.Failure!.Error));
        unknown.Decision.Failure.Error.Code.ShouldBe(ErrorCodes.UnknownNumber);

        var twice = UpdatePartiesHandler.Decide(new UpdateParties([new PartyUpdate("A", []), new PartyUpdate("A", [])], Actor), batch, Now);
        twice.Decision.Failure!.Index.ShouldBe(1);
        twice.Decision.Failure.Error.Code.ShouldBe(ErrorCodes.NumberTwiceInBatch);
        twice.Appends.ShouldBeEmpty();
    }

    [Fact]
    public void an_individuals_derived_name_cannot_take_another_vendors_name()
    {
        var holder = new PartyRef(Guid.NewGuid(), "Jane Doe");
        var context = Empty with { VendorNameHolders = new Dictionary<string, PartyRef> { ["jane doe"] = holder } };
        PartyEdit[] edits =
        [
            new SetBuiltInRoles("role", [Roles.Vendor]),
            new SetValue<string?>("first_name", PartyFields.FirstName, "Jane"),
            new SetValue<string?>("last_name", PartyFields.LastName, "DOE"),
        ];
        var (outcomes, data) = PartyDecisions.Apply(Guid.NewGuid(), new PartyData(), edits, context, EditMode.AllOrNothing);
        var rejected = outcomes.Single(o => o.Status == EditStatus.Rejected);
        rejected.Key.ShouldBe("last_name");
        rejected.Error!.Code.ShouldBe(ErrorCodes.DuplicateVendorName);
        data.ShouldBe(new PartyData());
    }

    private static Party Party(string number, string? notes) => new()
    {
        Id = Guid.NewGuid(), Version = 3, Number = number, Data = new PartyData { Number = number, Notes = notes },
    };
}
