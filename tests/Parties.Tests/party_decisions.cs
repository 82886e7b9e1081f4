using System.Collections.Immutable;
using Parties.Reference;
using Shouldly;

namespace Parties.Tests;

public class party_decisions
{
    private static readonly Guid Self = Guid.CreateVersion7();

    private static PartyContext Context(Action<ReferenceData>? configure = null, Dictionary<string, PartyRef>? names = null,
        Dictionary<string, PartyRef>? numbers = null)
    {
        var reference = new ReferenceData();
        reference.Users["alice"] = new User("alice", "Alice", null, UserRole.Admin);
        configure?.Invoke(reference);
        return new PartyContext(reference, numbers ?? [], names ?? []);
    }

    private static readonly PartyData Vendor = new()
    {
        Number = "V-1", PartyType = PartyType.Organization, Name = "Acme", Roles = [Roles.Vendor], Phone = "+919876543210",
    };

    [Fact]
    public void per_field_mode_applies_what_passes_and_reports_what_fails()
    {
        var other = new PartyRef(Guid.CreateVersion7(), "Acme Trading");
        var context = Context(names: new() { ["acme trading"] = other });
        PartyEdit[] edits = [new SetName("name", "ACME Trading"), new SetPhone("phone", "+919876543210"), new SetOwner("owner", "alice")];

        var (outcomes, data) = PartyDecisions.Apply(Self, Vendor, edits, context, EditMode.PerField);

        outcomes.Select(o => (o.Key, o.Status)).ShouldBe([
            ("name", EditStatus.Rejected), ("phone", EditStatus.Unchanged), ("owner", EditStatus.Updated)]);
        outcomes[0].Error!.Code.ShouldBe(ErrorCodes.DuplicateVendorName);
        outcomes[0].Error!.Holder.ShouldBe(other);
        data.Name.ShouldBe("Acme");
        data.OwnerId.ShouldBe("alice");
    }

    [Fact]
    public void all_or_nothing_mode_keeps_the_party_as_it_was_when_one_edit_fails()
    {
        PartyEdit[] edits = [new SetOwner("owner", "alice"), new SetOwner("owner2", "nobody")];
        var (outcomes, data) = PartyDecisions.Apply(Self, Vendor, edits, Context(), EditMode.AllOrNothing);
        outcomes[1].Error!.Code.ShouldBe(ErrorCodes.InvalidOwner);
        data.ShouldBeSameAs(Vendor);
    }

    [Fact]
    public void a_party_keeps_its_own_name_and_number_without_a_duplicate_error()
    {
        var context = Context(names: new() { ["acme"] = new PartyRef(Self, "Acme") }, numbers: new() { ["V-1"] = new PartyRef(Self, "Acme") });
        var (outcomes, _) = PartyDecisions.Apply(Self, Vendor, [new SetName("name", "acme"), new SetNumber("number", "V-1")], context, EditMode.PerField);
        outcomes.ShouldAllBe(o => o.Status != EditStatus.Rejected);
    }

    [Fact]
    public void a_number_held_by_another_party_is_refused()
    {
        var context = Context(numbers: new() { ["1001"] = new PartyRef(Guid.CreateVersion7(), "Other") });
        var (outcomes, _) = PartyDecisions.Apply(Self, new PartyData(), [new SetNumber("number", "1001")], context, EditMode.AllOrNothing);
        outcomes.Single().Error!.Code.ShouldBe(ErrorCodes.DuplicateNumber);
    }

    [Fact]
    public void an_individuals_name_follows_first_and_last_name()
    {
        var start = new PartyData { PartyType = PartyType.Individual };
        PartyEdit[] edits =
        [
            new SetValue<string?>("first_name", PartyFields.FirstName, "Jane"),
            new SetValue<string?>("last_name", PartyFields.LastName, "Doe"),
        ];
        var (_, data) = PartyDecisions.Apply(Self, start, edits, Context(), EditMode.AllOrNothing);
        data.Name.ShouldBe("Jane Doe");
    }

    [Theory]
    [InlineData("hinge", FlexFieldType.Varchar, "x", ErrorCodes.InvalidTagType)]
    [InlineData("hinge", FlexFieldType.Datetime, "2024/01/01", ErrorCodes.InvalidDateInput)]
    [InlineData("colour", FlexFieldType.Dropdown, "opt-9", ErrorCodes.InvalidValueId)]
    [InlineData("wrong-tag", FlexFieldType.Varchar, "x", ErrorCodes.InvalidTag)]
    [InlineData("hinge", FlexFieldType.Datetime, "2024-01-31", null)]
    [InlineData("colour", FlexFieldType.Dropdown, "opt-1", null)]
    public void custom_fields_are_checked_against_the_flex_field_definition(string slug, FlexFieldType type, string value, string? code)
    {
        var context = Context(r =>
        {
            r.FlexFields["hinge"] = new FlexField("hinge", FlexFieldType.Datetime, []);
            r.FlexFields["colour"] = new FlexField("colour", FlexFieldType.Dropdown, [new FlexFieldOption("opt-1", "Red")]);
        });
        var result = new SetCustomField(slug, slug, type, value).Apply(Vendor, context);
        result.Error?.Code.ShouldBe(code);
    }

    [Fact]
    public void a_tag_of_another_type_names_the_declared_and_the_sent_type()
    {
        var context = Context(r => r.FlexFields["hinge"] = new FlexField("hinge", FlexFieldType.Datetime, []));
        new SetCustomField("hinge", "hinge", FlexFieldType.Varchar, "x").Apply(Vendor, context).Error
            .ShouldBe(new EditError(ErrorCodes.InvalidTagType, "VARCHAR", Expected: "DATETIME"));
    }

    [Theory]
    [InlineData("+919876543210", true)]
    [InlineData("919876543210", false)]
    [InlineData("+91 98765 43210", false)]
    [InlineData("+1", false)]
    public void the_vendor_phone_must_be_e164(string phone, bool valid) =>
        (new SetPhone("phone", phone).Apply(new PartyData(), Context()).Error is null).ShouldBe(valid);

    [Fact]
    public void communications_report_every_unknown_user()
    {
        var edit = new SetCommunications("communications", new Communications(["alice", "zed"], ["ghost"], []));
        var error = edit.Apply(Vendor, Context()).Error!;
        error.Code.ShouldBe(ErrorCodes.InvalidUserInCommunications);
        error.Values.ShouldBe(["zed", "ghost"]);
    }

    [Fact]
    public void two_default_addresses_of_one_type_are_refused()
    {
        ImmutableArray<Address> addresses = [new Address { IsDefault = true }, new Address { IsDefault = true }];
        new SetAddresses("addresses", addresses).Apply(Vendor, Context()).Error!.Code.ShouldBe(ErrorCodes.TwoDefaults);
    }

    [Fact]
    public void additional_attributes_are_ignored_below_the_large_plan()
    {
        var withSet = Vendor with { AttributeSet = "Main" };
        var small = Context(r => r.Settings = new OrganizationSettings(Plan.Small));
        new SetAdditionalAttributes("a", ["x"]).Apply(withSet, small).Data!.AdditionalAttributes.ShouldBeEmpty();
        new SetAdditionalAttributes("a", ["x"]).Apply(withSet, Context()).Data!.AdditionalAttributes.ShouldBe(["x"]);
        new SetAdditionalAttributes("a", ["x"]).Apply(Vendor, Context()).Data!.AdditionalAttributes.ShouldBeEmpty();
    }
}
