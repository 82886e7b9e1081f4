using Parties.Reference;
using Shouldly;

namespace Parties.Tests;

public class vendor_access_and_per_field_decisions
{
    private static readonly PartyData Vendor = new() { Name = "Acme", Roles = ["vendor"], OwnerId = "carol", Phone = "+919876543210" };

    [Fact]
    public void admins_and_bookkeepers_see_every_vendor_members_only_their_own()
    {
        VendorAccess.Check(Vendor, new VendorCaller("carol", false)).ShouldBe(VendorAccessResult.Granted);
        VendorAccess.Check(Vendor, new VendorCaller("dave", false)).ShouldBe(VendorAccessResult.Denied);
        VendorAccess.Check(Vendor, new VendorCaller("alice", true)).ShouldBe(VendorAccessResult.Granted);
    }

    [Fact]
    public void a_missing_party_or_one_without_the_vendor_role_is_not_found_even_to_its_owner()
    {
        VendorAccess.Check(null, new VendorCaller("carol", true)).ShouldBe(VendorAccessResult.NotFound);
        VendorAccess.Check(Vendor with { Roles = ["customer"] }, new VendorCaller("carol", false)).ShouldBe(VendorAccessResult.NotFound);
    }

    [Fact]
    public void a_vendor_write_is_checked_against_the_party_it_is_decided_on()
    {
        var party = new Party { Id = Guid.NewGuid(), Version = 3, Data = Vendor };
        var context = new PartyContext(new ReferenceData(), new Dictionary<string, PartyRef>(), new Dictionary<string, PartyRef>());
        UpdateParty Write(string user, bool seesAll) => new(party.Id, [new SetPhone("phone", "+919876543211")], EditMode.PerField,
            null, new Actor(user, Guid.NewGuid(), "vendors", "req"), new VendorCaller(user, seesAll));

        var (denied, none) = UpdatePartyHandler.Decide(Write("dave", seesAll: false), party, context, DateTimeOffset.UnixEpoch);
        denied.Status.ShouldBe(DecisionStatus.Denied);
        none.ShouldBeNull();
        var (notFound, _) = UpdatePartyHandler.Decide(Write("carol", seesAll: false),
            new Party { Id = party.Id, Version = 3, Data = Vendor with { Roles = ["customer"] } }, context, DateTimeOffset.UnixEpoch);
        notFound.Status.ShouldBe(DecisionStatus.NotFound);
        var (done, changed) = UpdatePartyHandler.Decide(Write("carol", seesAll: false), party, context, DateTimeOffset.UnixEpoch);
        done.Status.ShouldBe(DecisionStatus.Done);
        changed.ShouldNotBeNull();
    }

    [Fact]
    public void per_field_mode_applies_what_passes_and_reports_the_rest()
    {
        var reference = new ReferenceData();
        reference.Users["bob"] = new User("bob", "Bob", null, UserRole.Bookkeeper);
        var holder = new PartyRef(Guid.NewGuid(), "Acme Trading");
        var context = new PartyContext(reference, new Dictionary<string, PartyRef>(), new Dictionary<string, PartyRef> { ["acme trading"] = holder });

        var (outcomes, data) = PartyDecisions.Apply(Guid.NewGuid(), Vendor,
            [new SetName("name", "Acme Trading"), new SetPhone("phone", "+919876543210"), new SetOwner("owner", "bob")],
            context, EditMode.PerField);

        outcomes.Select(o => (o.Key, o.Status)).ShouldBe([
            ("name", EditStatus.Rejected), ("phone", EditStatus.Unchanged), ("owner", EditStatus.Updated)]);
        outcomes[0].Error!.Code.ShouldBe(ErrorCodes.DuplicateVendorName);
        outcomes[0].Error!.Holder.ShouldBe(holder);
        data.ShouldBe(Vendor with { OwnerId = "bob" });
    }
}
