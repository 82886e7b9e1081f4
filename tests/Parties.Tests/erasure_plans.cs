using System.Collections.Immutable;
using System.Text.Json;
using JasperFx.Events;
using Parties.Erasure;
using Parties.Projections;
using Parties.Reference;
using Parties.Webhooks;
using Shouldly;

namespace Parties.Tests;

public class erasure_plans
{
    private static readonly PartyData Person = new()
    {
        Number = "7", PartyType = PartyType.Individual, Name = "Ada Lovelace", FirstName = "Ada", LastName = "Lovelace",
        NationalCode = "0012345678", Mobile = "0912", MobileE164 = "+98912", Email = "ada@example.test", Notes = "note",
        EconomicCode = "E1", Currency = "USD", OwnerId = "bob",
        Addresses = [new Address { Line1 = "1 Main St" }], Phones = [new PartyPhone(PhoneType.Home, "+1555")],
        CustomFields = ImmutableSortedDictionary<string, CustomFieldValue>.Empty
            .Add("birthplace", new CustomFieldValue(FlexFieldType.Varchar, "Shiraz"))
            .Add("tier", new CustomFieldValue(FlexFieldType.Varchar, "gold")),
    };

    private static ReferenceData Reference()
    {
        var reference = new ReferenceData();
        reference.FlexFields["birthplace"] = new FlexField("birthplace", FlexFieldType.Varchar, [], Personal: true);
        reference.FlexFields["tier"] = new FlexField("tier", FlexFieldType.Varchar, []);
        return reference;
    }

    private static string Json(PartyData data) => JsonSerializer.Serialize(data, DomainJson.Options);

    [Fact]
    public void an_individuals_names_codes_contact_data_and_personal_custom_fields_are_personal_the_rest_is_not()
    {
        var plan = ErasurePlan.For(Person, Reference());
        plan.HeldBy(Person).ShouldBe(["name", "firstName", "lastName", "nationalCode", "economicCode", "mobile", "mobileE164", "email",
            "notes", "customFields", "addresses", "phones"]);
        var erased = plan.Erase(Person);
        Json(erased).ShouldBe(Json(new PartyData
        {
            Number = "7", PartyType = PartyType.Individual, Currency = "USD", OwnerId = "bob", Erased = true,
            CustomFields = ImmutableSortedDictionary<string, CustomFieldValue>.Empty.Add("tier", Person.CustomFields["tier"]),
        }));
    }

    [Fact]
    public void an_organizations_legal_name_and_codes_are_not_personal()
    {
        var organization = Person with { PartyType = PartyType.Organization, FirstName = null, LastName = null };
        var erased = ErasurePlan.For(organization, Reference()).Erase(organization);
        (erased.Name, erased.EconomicCode, erased.Email).ShouldBe(("Ada Lovelace", "E1", null));
    }

    [Fact]
    public void the_audit_index_names_the_fields_its_trail_entry_lists_in_the_same_order()
    {
        var plan = ErasurePlan.For(Person, Reference());
        IEvent[] events =
        [
            new Event<PartyRegistered>(new PartyRegistered(Guid.NewGuid(), Person)),
            new Event<PartyRegistered>(new PartyRegistered(Guid.NewGuid(), new PartyData { Number = "8", Roles = ["customer"] })),
            new Event<PartyRegistered>((PartyRegistered)plan.Mask(new PartyRegistered(Guid.NewGuid(), Person))),
            new Event<PartyRegistered>(new PartyRegistered(Guid.NewGuid(), Person with { Name = null }, ["name", "notes"])),
            new Event<PartyChanged>(new PartyChanged(PartyFields.Diff(Person, Person with { Email = null, Currency = "EUR" }))),
            new Event<PartyDeactivated>(new PartyDeactivated(PartyFields.Diff(Person, Person with { Active = false }))),
        ];
        foreach (var e in events)
            TrailEntry.ChangedFields(e).ShouldBe([.. TrailEntry.Of(e)!.Changes.Select(c => c.Field)], e.Data.ToString());
        TrailEntry.ChangedFields(events[0]).ShouldContain("addresses");
        TrailEntry.ChangedFields(events[3]).ShouldContain("name");
    }

    [Fact]
    public void a_masked_change_keeps_its_field_without_values_and_a_masked_creation_still_names_what_it_set()
    {
        var plan = ErasurePlan.For(Person, Reference());
        var changed = new PartyChanged(PartyFields.Diff(new PartyData(), Person));
        var masked = (PartyChanged)plan.Mask(changed);
        masked.Changes.Select(c => c.Field).ShouldBe(changed.Changes.Select(c => c.Field));
        masked.Changes.Single(c => c.Field == "email").After.ShouldBeNull();
        masked.Changes.Single(c => c.Field == "currency").After!.Value.GetString().ShouldBe("USD");
        masked.Changes.Single(c => c.Field == "customFields").After!.Value.GetRawText().ShouldNotContain("Shiraz");
        plan.Holds(changed).ShouldBeTrue();
        plan.Holds(masked).ShouldBeFalse("masking twice finds nothing left");

        var registered = (PartyRegistered)plan.Mask(new PartyRegistered(Guid.NewGuid(), Person));
        registered.Data.Erased.ShouldBeTrue();
        var entry = TrailEntry.Of(new Event<PartyRegistered>(registered))!;
        entry.Changes.Select(c => c.Field).ShouldContain("firstName");
        entry.Changes.Single(c => c.Field == "firstName").After.ShouldBeNull();
        JsonSerializer.Serialize(entry.Changes, DomainJson.Options).ShouldNotContain("Lovelace");
    }

    [Fact]
    public void an_erasure_is_recorded_with_the_fields_that_held_a_value_and_published_as_party_erased()
    {
        var party = new Party { Id = Guid.NewGuid(), Version = 4, Data = Person };
        var (decision, erased, _) = ErasePartyHandler.Decide(new EraseParty(party.Id, "asked", new Actor("alice", Guid.Empty, "parties", "r")),
            party, [], Reference());
        decision.Found.ShouldBeTrue();
        decision.Streams.ShouldBe([new StreamToMask(party.Id, 5)]);
        erased!.CustomFields.ShouldBe(["birthplace"]);
        erased.Fields.ShouldContain("notes");
        var webhook = WebhookEvents.Of(new Event<PartyErased>(erased))!;
        (webhook.Type, webhook.Erased, webhook.Reason).ShouldBe((WebhookEvents.Erased, true, "asked"));
        ErasePartyHandler.Decide(new EraseParty(party.Id, "asked", new Actor("alice", Guid.Empty, "parties", "r")), null, [], Reference())
            .Decision.Found.ShouldBeFalse();
    }

    [Fact]
    public void erasing_a_survivor_erases_the_parties_merged_into_it_and_masks_their_streams()
    {
        var survivor = new Party { Id = Guid.NewGuid(), Version = 4, Data = Person };
        var absorbed = new Party { Id = Guid.NewGuid(), Version = 2, Data = Person, MergedInto = survivor.Id };
        var (decision, _, erasedAbsorbed) = ErasePartyHandler.Decide(
            new EraseParty(survivor.Id, "asked", new Actor("alice", Guid.Empty, "parties", "r")), survivor, [absorbed], Reference());

        decision.Streams.ShouldBe([new StreamToMask(survivor.Id, 5), new StreamToMask(absorbed.Id, 3)]);
        erasedAbsorbed.Count.ShouldBe(1);
        erasedAbsorbed[0].Party.ShouldBe(absorbed);
        erasedAbsorbed[0].Event.Fields.ShouldContain("notes");
    }
}
