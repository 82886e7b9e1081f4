using JasperFx.Events;
using Parties.Webhooks;
using Shouldly;

namespace Parties.Tests;

public class webhook_types
{
    private static IEvent Changed(PartyData before, PartyData after) =>
        new Event<PartyChanged>(new PartyChanged(PartyFields.Diff(before, after)));

    [Fact]
    public void a_registration_is_created_with_every_set_field_as_a_change_from_nothing()
    {
        var data = new PartyData { Number = "1", FirstName = "Ada" };
        var webhook = WebhookEvents.Of(new Event<PartyRegistered>(new PartyRegistered(Guid.NewGuid(), data)))!;
        webhook.Type.ShouldBe(WebhookEvents.Created);
        webhook.Changes.Select(c => c.Field).ShouldBe(["number", "firstName"]);
        // As in the audit trail: the old value is the empty party's (no value; an empty number).
        webhook.Changes.Single(c => c.Field == "firstName").Before.ShouldBeNull();
    }

    [Fact]
    public void a_change_of_active_is_a_deactivation_or_a_reactivation_and_any_other_change_an_update()
    {
        var active = new PartyData { Number = "1" };
        var inactive = active with { Active = false };
        WebhookEvents.Of(Changed(active, inactive))!.Type.ShouldBe(WebhookEvents.Deactivated);
        WebhookEvents.Of(Changed(inactive, active))!.Type.ShouldBe(WebhookEvents.Reactivated);
        WebhookEvents.Of(Changed(active, active with { Notes = "x" }))!.Type.ShouldBe(WebhookEvents.Updated);
        // Deactivated with other fields at once: still a deactivation, every change carried.
        var both = WebhookEvents.Of(Changed(active, inactive with { Notes = "gone" }))!;
        both.Type.ShouldBe(WebhookEvents.Deactivated);
        both.Changes.Select(c => c.Field).ShouldBe(["notes", "active"]);
    }

    [Fact]
    public void other_events_are_not_published_and_a_subscription_wants_its_types_or_every_one()
    {
        WebhookEvents.Of(new Event<string>("not a party event")).ShouldBeNull();
        var some = new WebhookSubscription { Events = [WebhookEvents.Created] };
        some.Wants(WebhookEvents.Created).ShouldBeTrue();
        some.Wants(WebhookEvents.Updated).ShouldBeFalse();
        new WebhookSubscription { Events = [WebhookEvents.Every] }.Wants("party.merged").ShouldBeTrue();
    }
}
