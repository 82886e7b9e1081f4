using System.Collections.Immutable;
using Parties.Idempotency;
using Parties.Reference;
using Shouldly;

namespace Parties.Tests;

public class items_decided_each_on_their_own
{
    private static readonly Actor Actor = new("alice", Guid.NewGuid(), "test", "req-1");
    private static readonly PartyContext Empty = PartyContext.Of(new ReferenceData());
    private static readonly VendorCaller Member = new("alice", SeesAll: false);

    private static RegisterParty Vendor(string name, IdempotentWrite? key = null) => new(Guid.CreateVersion7(),
    [
        new SetPartyType("type", PartyType.Organization),
        new SetBuiltInRoles("type", [Roles.Vendor]),
        new SetNumber("type", $"V-{Guid.NewGuid():N}"),
        new SetName("name", name),
    ], Actor, key);

    private static UpdateParty Rename(Party party, string name) =>
        new(party.Id, [new SetName("name", name)], EditMode.AllOrNothing, null, Actor, Member);

    private static Party Stored(string name, string? owner = "alice", bool vendor = true) => new()
    {
        Id = Guid.CreateVersion7(), Version = 2,
        Data = new PartyData { Number = $"V-{Guid.NewGuid():N}", Name = name, OwnerId = owner, Roles = vendor ? [Roles.Vendor] : [] },
    };

    private static PartyContext Holding(params Party[] parties) => Empty with
    {
        VendorNameHolders = parties.ToDictionary(p => p.Data.VendorNameKey!, p => new PartyRef(p.Id, p.Data.Name)),
    };

    [Fact]
    public void a_later_item_taking_an_earlier_items_name_is_refused_and_only_the_earlier_one_is_registered()
    {
        var command = new RegisterPartiesEachOnItsOwn([Vendor("Acme"), Vendor("Other"), Vendor(" ACME ")], Actor);

        var (decisions, events, _) = RegisterPartiesEachOnItsOwnHandler.Decide(command, Empty, PriorItemWrites.None, TimeProvider.System);

        decisions.Items.Select(d => d.Status).ShouldBe([DecisionStatus.Done, DecisionStatus.Done, DecisionStatus.Rejected]);
        var refused = decisions.Items[2].FirstRejection!;
        (refused.Key, refused.Error!.Code, refused.Error.Holder!.Id).ShouldBe(("name", ErrorCodes.DuplicateVendorName, command.Items[0].PartyId));
        events.Select(e => e.Data.Name).ShouldBe(["Acme", "Other"]);
    }

    [Fact]
    public void a_refused_item_leaves_the_items_around_it_registered()
    {
        var taken = Stored("Taken");
        var command = new RegisterPartiesEachOnItsOwn([Vendor("First"), Vendor("taken"), Vendor("Third")], Actor);

        var (decisions, events, _) = RegisterPartiesEachOnItsOwnHandler.Decide(command, Holding(taken), PriorItemWrites.None, TimeProvider.System);

        decisions.Items.Select(d => d.Succeeded).ShouldBe([true, false, true]);
        decisions.Items[1].FirstRejection!.Error!.Holder!.Id.ShouldBe(taken.Id);
        events.Select(e => e.PartyId).ShouldBe([command.Items[0].PartyId, command.Items[2].PartyId]);
    }

    [Fact]
    public void each_keyed_item_keeps_its_own_record_and_an_item_decided_before_is_answered_from_its_record_without_an_event()
    {
        var key = new IdempotentWrite("alice:k", "fingerprint", DateTimeOffset.MinValue);
        var earlier = new PartyDecision(DecisionStatus.Done, [], new PartySnapshot(Guid.CreateVersion7(), 1, new PartyData { Name = "Acme" },
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
        var record = new IdempotencyRecord
        {
            Id = key.ForItem(0).RecordId, Scope = key.Scope, Item = 0, Fingerprint = key.Fingerprint, Replays = true,
            CreatedAt = DateTimeOffset.UtcNow, Decision = earlier,
        };
        var prior = new PriorItemWrites(new Dictionary<string, PriorWrite> { [record.Id] = PriorWrite.Of(key.ForItem(0), record) });
        var command = new RegisterPartiesEachOnItsOwn([Vendor("Acme", key.ForItem(0)), Vendor("Beta", key.ForItem(1))], Actor);

        var (decisions, events, records) = RegisterPartiesEachOnItsOwnHandler.Decide(command, Empty, prior, TimeProvider.System);

        decisions.Items[0].ShouldBeSameAs(earlier);
        events.ShouldHaveSingleItem().Data.Name.ShouldBe("Beta");
        records.ShouldHaveSingleItem();
    }

    [Fact]
    public void updates_are_decided_each_on_its_own_unknown_other_members_merged_and_not_a_vendor_included()
    {
        var mine = Stored("Mine");
        var theirs = Stored("Theirs", owner: "bob");
        var merged = Stored("Merged");
        merged.MergedInto = mine.Id;
        var customer = Stored("Customer", vendor: false);
        var parties = new[] { mine, theirs, merged, customer }.ToDictionary(p => p.Id);
        var command = new UpdatePartiesEachOnItsOwn(
        [
            Rename(mine, "Mine Ltd"), Rename(theirs, "Theirs Ltd"), Rename(merged, "Merged Ltd"), Rename(customer, "Customer Ltd"),
            new UpdateParty(Guid.CreateVersion7(), [], EditMode.AllOrNothing, null, Actor, Member),
        ], Actor);

        var (decisions, changes, _) = UpdatePartiesEachOnItsOwnHandler.Decide(command, parties, Empty, PriorItemWrites.None,
            TimeProvider.System);

        decisions.Items.Select(d => d.Status).ShouldBe([DecisionStatus.Done, DecisionStatus.Denied, DecisionStatus.Gone,
            DecisionStatus.NotFound, DecisionStatus.NotFound]);
        changes.ShouldHaveSingleItem().PartyId.ShouldBe(mine.Id);
    }

    [Fact]
    public void a_name_an_earlier_item_let_go_can_be_taken_by_a_later_one_and_one_it_took_cannot()
    {
        var alpha = Stored("Alpha");
        var beta = Stored("Beta");
        var command = new UpdatePartiesEachOnItsOwn([Rename(alpha, "Gamma"), Rename(beta, "Alpha"), Rename(beta, "Gamma")], Actor);

        var (decisions, changes, _) = UpdatePartiesEachOnItsOwnHandler.Decide(command, new[] { alpha, beta }.ToDictionary(p => p.Id),
            Holding(alpha, beta), PriorItemWrites.None, TimeProvider.System);

        decisions.Items.Select(d => d.Status).ShouldBe([DecisionStatus.Done, DecisionStatus.Done, DecisionStatus.Rejected]);
        decisions.Items[2].FirstRejection!.Error!.Holder!.Id.ShouldBe(alpha.Id);
        changes.Select(c => c.PartyId).ShouldBe([alpha.Id, beta.Id]);
    }

    [Fact]
    public void a_party_named_twice_is_changed_twice_the_later_item_seeing_the_earlier_ones_change()
    {
        var alpha = Stored("Alpha");
        var notes = new UpdateParty(alpha.Id, [new SetValue<string?>("notes", PartyFields.Notes, "kept")], EditMode.AllOrNothing, null,
            Actor, Member);
        var command = new UpdatePartiesEachOnItsOwn([Rename(alpha, "Alpha Ltd"), notes], Actor);

        var (decisions, changes, _) = UpdatePartiesEachOnItsOwnHandler.Decide(command, new Dictionary<Guid, Party> { [alpha.Id] = alpha },
            Holding(alpha), PriorItemWrites.None, TimeProvider.System);

        decisions.Items.Select(d => d.Party!.Version).ShouldBe([3, 4]);
        (decisions.Items[1].Party!.Data.Name, decisions.Items[1].Party!.Data.Notes).ShouldBe(("Alpha Ltd", "kept"));
        changes.Select(c => c.PartyId).ShouldBe([alpha.Id, alpha.Id]);
    }
}
