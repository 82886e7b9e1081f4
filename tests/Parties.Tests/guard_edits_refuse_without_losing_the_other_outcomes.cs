using Parties.Reference;
using Shouldly;

namespace Parties.Tests;

public class guard_edits_refuse_without_losing_the_other_outcomes
{
    private static PartyContext Context(Plan plan = Plan.Large)
    {
        var reference = new ReferenceData { Settings = new OrganizationSettings(plan) };
        reference.PaymentTerms["Net30"] = new PaymentTerm("Net30", true);
        reference.AttributeSets["Extras"] = new AttributeSet("Extras");
        return PartyContext.Of(reference);
    }

    [Fact]
    public void a_refused_value_rejects_the_write_while_every_other_edit_is_still_judged()
    {
        var start = new PartyData { Name = "Before" };
        var (outcomes, data) = PartyDecisions.Apply(Guid.NewGuid(), start,
        [
            new RefuseValue("Name"),
            new SetPaymentTerm("PaymentTerm", "Net99"),
            new SetCurrency("Currency", "usd"),
        ], Context(), EditMode.AllOrNothing);

        outcomes.Select(o => (o.Key, o.Status)).ShouldBe(
            [("Name", EditStatus.Rejected), ("PaymentTerm", EditStatus.Rejected), ("Currency", EditStatus.Updated)]);
        outcomes[0].Error!.Code.ShouldBe(ErrorCodes.RefusedOnWire);
        outcomes[1].Error.ShouldBe(new EditError(ErrorCodes.InvalidPaymentTerm, "Net99"));
        data.ShouldBeSameAs(start);
    }

    [Theory]
    [InlineData(Plan.Small)]
    [InlineData(Plan.Medium)]
    public void on_large_plan_ignores_the_edit_below_the_large_plan(Plan plan)
    {
        var data = new PartyData();
        var result = new OnLargePlan(new SetAttributeSet("AttributeSet", "Unknown")).Apply(data, Context(plan));
        result.Error.ShouldBeNull();
        result.Data.ShouldBeSameAs(data);
    }

    [Fact]
    public void on_large_plan_applies_the_edit_and_its_refusal_on_the_large_plan()
    {
        new OnLargePlan(new SetAttributeSet("AttributeSet", "Extras")).Apply(new PartyData(), Context()).Data!.AttributeSet.ShouldBe("Extras");
        new OnLargePlan(new SetAttributeSet("AttributeSet", "Unknown")).Apply(new PartyData(), Context()).Error!.Code
            .ShouldBe(ErrorCodes.InvalidAttributeSet);
    }

}
