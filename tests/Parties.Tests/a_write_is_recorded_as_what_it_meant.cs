using Shouldly;

namespace Parties.Tests;

public class a_write_is_recorded_as_what_it_meant
{
    private static readonly PartyData Active = new() { Name = "Acme" };

    [Fact]
    public void turning_active_off_is_a_deactivation_carrying_every_change_of_the_write()
    {
        var deactivated = PartyEvents.Of(Active, Active with { Active = false, Notes = "closed" }).ShouldBeOfType<PartyDeactivated>();
        deactivated.Changes.Select(c => c.Field).ShouldBe(["notes", "active"]);
    }

    [Fact]
    public void turning_active_on_is_a_reactivation()
    {
        var inactive = Active with { Active = false };
        PartyEvents.Of(inactive, Active).ShouldBeOfType<PartyReactivated>().Changes.ShouldHaveSingleItem().Field.ShouldBe("active");
    }

    [Fact]
    public void any_other_change_is_a_change_and_no_change_is_no_event()
    {
        PartyEvents.Of(Active, Active with { Notes = "x" }).ShouldBeOfType<PartyChanged>();
        PartyEvents.Of(Active, Active with { Name = "Acme" }).ShouldBeNull();
    }

    [Fact]
    public void the_deactivate_and_reactivate_edits_set_the_flag_and_nothing_else()
    {
        var context = PartyContext.Of(new Parties.Reference.ReferenceData());
        new Deactivate("is_active").Apply(Active, context).Data.ShouldBe(Active with { Active = false });
        new Reactivate("is_active").Apply(Active with { Active = false }, context).Data.ShouldBe(Active);
    }

    [Fact]
    public void a_registration_lists_its_fields_without_old_values()
    {
        var changes = PartyFields.Registered(new PartyData { Number = "N1", PartyType = PartyType.Organization });
        changes.Select(c => c.Field).ShouldBe(["number", "partyType"]);
        changes.ShouldAllBe(c => c.Before == null);
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("usd", true)]
    [InlineData("INR", true)]
    [InlineData("XYZ", false)]
    [InlineData("US", false)]
    [InlineData("XAU", false)]
    public void currencies_are_checked_against_a_fixed_iso_4217_table(string code, bool valid) =>
        Currencies.IsIso4217(code).ShouldBe(valid);
}
