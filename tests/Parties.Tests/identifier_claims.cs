using System.Collections.Immutable;
using System.Text.Json;
using JasperFx.Events;
using Parties.Reference;
using Shouldly;

namespace Parties.Tests;

public class identifier_claims
{
    private static readonly Actor Actor = new("alice", Guid.NewGuid(), "parties", "req-1");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly PartyData Held = new() { Number = "1", NationalCode = "N1", EconomicCode = "E1", RegistrationNumber = "R1" };

    private static PartyContext Unique(bool on = true) =>
        PartyContext.Of(new ReferenceData { Settings = new OrganizationSettings(UniqueIdentifiers: on) });

    private static SetValue<string?> National(string? value) => new("national_code", PartyFields.NationalCode, value);

    private static Party Registered(PartyData data, params string[] claims) =>
        Party.Create(new Event<PartyRegistered>(new PartyRegistered(Guid.NewGuid(), data, Claims: claims.Length == 0 ? null : [.. claims])));

    private static void Apply(Party party, PartyFieldsChanged changed)
    {
        switch (changed)
        {
            case PartyChanged c: party.Apply(new Event<PartyChanged>(c)); break;
            case PartyDeactivated d: party.Apply(new Event<PartyDeactivated>(d)); break;
            case PartyReactivated r: party.Apply(new Event<PartyReactivated>(r)); break;
            default: throw new ArgumentOutOfRangeException(nameof(changed));
        }
    }

    private static (string?, string?, string?) Claims(Party party) =>
        (party.NationalCodeClaim, party.EconomicCodeClaim, party.RegistrationNumberClaim);

    [Fact]
    public void a_registration_claims_the_fields_its_event_names_and_no_other()
    {
        Claims(Registered(Held, "nationalCode", "registrationNumber")).ShouldBe(("N1", null, "R1"));
        Claims(Registered(Held)).ShouldBe((null, null, null));
    }

    [Fact]
    public void a_change_claims_what_it_names_clears_what_it_changes_unclaimed_and_keeps_the_rest()
    {
        var party = Registered(Held, "nationalCode", "economicCode", "registrationNumber");
        Apply(party, PartyEvents.Of(Held, Held with { Notes = "x" })!);
        Claims(party).ShouldBe(("N1", "E1", "R1"));

        var changed = Held with { Notes = "x", NationalCode = "N2", EconomicCode = "E2" };
        Apply(party, PartyEvents.Of(Held with { Notes = "x" }, changed, ["nationalCode"])!);
        Claims(party).ShouldBe(("N2", null, "R1"));
    }

    [Fact]
    public void deactivation_absorption_and_erasure_clear_every_claim_and_reactivation_claims_nothing_of_itself()
    {
        var party = Registered(Held, "nationalCode", "economicCode", "registrationNumber");
        Apply(party, PartyEvents.Of(Held, Held with { Active = false })!);
        Claims(party).ShouldBe((null, null, null));
        Apply(party, PartyEvents.Of(Held with { Active = false }, Held)!);
        Claims(party).ShouldBe((null, null, null));

        var absorbed = Registered(Held, "nationalCode");
        absorbed.Apply(new Event<PartyAbsorbed>(new PartyAbsorbed(Guid.NewGuid())));
        Claims(absorbed).ShouldBe((null, null, null));

        var erased = Registered(Held, "economicCode");
        erased.Apply(new Event<PartyErased>(new PartyErased("asked", [], [])));
        Claims(erased).ShouldBe((null, null, null));
    }

    [Fact]
    public void an_event_written_before_claims_reads_as_claiming_nothing_and_claims_survive_serialization()
    {
        var options = DomainJson.Configure(new JsonSerializerOptions());
        JsonSerializer.Deserialize<PartyChanged>("""{"changes":[]}""", options)!.Claims.ShouldBeNull();
        JsonSerializer.Deserialize<PartyRegistered>("""{"partyId":"0193a1b2-0000-7000-8000-000000000000","data":{}}""", options)!
            .Claims.ShouldBeNull();

        var changed = new PartyReactivated([]) { Claims = ["economicCode"] };
        JsonSerializer.Deserialize<PartyReactivated>(JsonSerializer.Serialize(changed, options), options)!.Claims!.Value
            .ShouldBe(["economicCode"]);
    }

    [Fact]
    public void a_write_claims_only_when_the_organization_asks_and_only_the_identifiers_it_changes_on_an_active_party()
    {
        IdentifierClaims.Of(new PartyData(), Held, unique: true)!.Value.ShouldBe(["nationalCode", "economicCode", "registrationNumber"]);
        IdentifierClaims.Of(new PartyData(), Held, unique: false).ShouldBeNull();
        IdentifierClaims.Of(Held, Held with { Notes = "x" }, unique: true).ShouldBeNull();
        IdentifierClaims.Of(Held, Held with { EconomicCode = "E2" }, unique: true)!.Value.ShouldBe(["economicCode"]);
        IdentifierClaims.Of(Held, Held with { EconomicCode = null }, unique: true).ShouldBeNull();
        IdentifierClaims.Of(new PartyData(), Held with { Active = false }, unique: true).ShouldBeNull();
    }

    [Fact]
    public void an_update_that_gives_no_identifier_neither_claims_nor_clears()
    {
        var party = new Party { Id = Guid.NewGuid(), Version = 2, Number = "1", Data = Held, NationalCodeClaim = null };
        var other = new PartyRef(Guid.NewGuid(), "Twin");
        var context = Unique() with
        {
            IdentifierHolders = new Dictionary<string, ImmutableArray<PartyRef>> { [PartyContext.IdentifierKey("nationalCode", "N1")] = [other] },
        };
        var update = new UpdateParty(party.Id, [new SetValue<string?>("notes", PartyFields.Notes, "x"), National("N1")],
            EditMode.AllOrNothing, null, Actor);
        var (decision, changed) = UpdatePartyHandler.Decide(update, party, context, Now);
        decision.Status.ShouldBe(DecisionStatus.Done);
        changed.ShouldBeOfType<PartyChanged>().Claims.ShouldBeNull();
    }

    [Fact]
    public void an_identifier_given_before_the_reactivation_in_one_write_is_checked_and_claimed()
    {
        var inactive = new Party { Id = Guid.NewGuid(), Version = 2, Number = "1", Data = new PartyData { Number = "1", Active = false } };
        var holder = new PartyRef(Guid.NewGuid(), "Holder");
        var held = Unique() with
        {
            IdentifierHolders = new Dictionary<string, ImmutableArray<PartyRef>> { [PartyContext.IdentifierKey("nationalCode", "N1")] = [holder] },
        };
        var update = new UpdateParty(inactive.Id, [National("N1"), new Reactivate("active")], EditMode.AllOrNothing, null, Actor);

        var refused = UpdatePartyHandler.Decide(update, inactive, held, Now);
        refused.Decision.FirstRejection!.Error!.Holder.ShouldBe(holder);

        var (decision, changed) = UpdatePartyHandler.Decide(update, inactive, Unique(), Now);
        decision.Status.ShouldBe(DecisionStatus.Done);
        changed.ShouldBeOfType<PartyReactivated>().Claims!.Value.ShouldBe(["nationalCode"]);
    }

    [Fact]
    public void a_bulk_create_refuses_an_item_giving_the_identifier_an_earlier_item_gives_naming_it()
    {
        NewParty Item(string number, string code) => new(Guid.NewGuid(),
            [new SetNumber("number", number), new SetName("legal_name", $"Party {number}"), National(code)]);
        var first = Item("1", "N1");
        var command = new RegisterParties([first, Item("2", "N2"), Item("3", "N1")], Actor);

        var (decision, events) = RegisterPartiesHandler.Decide(command, Unique(), Now);
        decision.Failure!.Index.ShouldBe(2);
        decision.Failure.Key.ShouldBe("national_code");
        decision.Failure.Error.ShouldBe(new EditError(ErrorCodes.DuplicateIdentifier, "N1", "nationalCode", new PartyRef(first.PartyId, "Party 1")));
        events.ShouldBeEmpty();

        RegisterPartiesHandler.Decide(command, Unique(on: false), Now).Decision.Succeeded.ShouldBeTrue();
        var (claimed, registered) = RegisterPartiesHandler.Decide(new RegisterParties([first, Item("2", "N2")], Actor), Unique(), Now);
        claimed.Succeeded.ShouldBeTrue();
        registered.ShouldAllBe(e => e.Claims!.Value.SequenceEqual(new[] { "nationalCode" }));
    }

    [Fact]
    public void in_a_bulk_update_a_value_let_go_by_an_earlier_item_is_free_unless_another_party_still_holds_it()
    {
        Party Stored(string number, string? code) => new()
        {
            Id = Guid.NewGuid(), Version = 1, Number = number, Data = new PartyData { Number = number, Name = $"P{number}", NationalCode = code },
        };
        var (a, b, c) = (Stored("A", "N1"), Stored("B", null), Stored("C", "N1"));
        PartyUpdate Give(string number, string? code) => new(number, [National(code)]);
        PartyUpdateBatch Batch(params Party[] holders) => new(Unique() with
        {
            IdentifierHolders = new Dictionary<string, ImmutableArray<PartyRef>>
            {
                [PartyContext.IdentifierKey("nationalCode", "N1")] = [.. holders.Select(h => new PartyRef(h.Id, h.Data.Name))],
            },
        }, new Dictionary<string, Party> { ["A"] = a, ["B"] = b, ["C"] = c });

        UpdatePartiesHandler.Decide(new UpdateParties([Give("A", "N2"), Give("B", "N1")], Actor), Batch(a), Now)
            .Decision.Succeeded.ShouldBeTrue();

        var (stillHeld, appends) = UpdatePartiesHandler.Decide(new UpdateParties([Give("A", "N2"), Give("B", "N1")], Actor), Batch(a, c), Now);
        stillHeld.Failure!.Index.ShouldBe(1);
        stillHeld.Failure.Error.Holder.ShouldBe(new PartyRef(c.Id, "PC"));
        appends.ShouldBeEmpty();

        var (twice, _) = UpdatePartiesHandler.Decide(new UpdateParties([Give("B", "N3"), Give("A", "N3")], Actor), Batch(a, c), Now);
        twice.Failure!.Index.ShouldBe(1);
        twice.Failure.Error.Holder.ShouldBe(new PartyRef(b.Id, "PB"));
    }
}
