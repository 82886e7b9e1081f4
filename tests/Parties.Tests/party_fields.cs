using Parties.Tenancy;
using Shouldly;

namespace Parties.Tests;

public class party_fields
{
    [Fact]
    public void a_diff_applied_to_the_old_values_gives_the_new_ones()
    {
        var before = new PartyData { Number = "1", Name = "تهران", Roles = [Roles.Customer] };
        var after = before with
        {
            Name = "خیابان آزادی، پلاک ۱", Roles = [Roles.Customer, Roles.Vendor], Discount = 12.5m,
            Addresses = [new Address { City = "تهران", Line1 = "خیابان آزادی", IsDefault = true }],
            Locality = Locality.International, Active = false,
        };
        var changes = PartyFields.Diff(before, after);
        changes.Select(c => c.Field).ShouldBe(["roles", "name", "locality", "addresses", "discount", "active"]);
        var applied = PartyFields.Apply(before, changes);
        PartyFields.Diff(applied, after).ShouldBeEmpty();
        applied.Name.ShouldBe("خیابان آزادی، پلاک ۱");
    }

    [Fact]
    public void equal_collections_in_different_instances_are_not_a_change()
    {
        var a = new PartyData { Roles = ["customer"] };
        var b = new PartyData { Roles = ["customer"] };
        PartyFields.Diff(a, b).ShouldBeEmpty();
        PartyFields.Differ(a, b).ShouldBeFalse();
    }

    [Fact]
    public void any_one_field_changed_is_a_difference_and_null_is_not_empty()
    {
        var before = new PartyData { Number = "1", Name = "Acme", Roles = ["customer"] };
        PartyFields.Differ(before, before with { Name = "Acme Ltd" }).ShouldBeTrue();
        PartyFields.Differ(before, before with { Roles = ["customer", "vendor"] }).ShouldBeTrue();
        PartyFields.Differ(before, before with { Roles = [] }).ShouldBeTrue();
        PartyFields.Differ(before, before with { Roles = ["vendor"] }).ShouldBeTrue("same size, another value");
        PartyFields.Differ(before, before with { Discount = 0m }).ShouldBeTrue();
        PartyFields.Differ(before, before with { Email = "" }).ShouldBeTrue();
        PartyFields.Diff(before, before with { Email = "" }).Single().Field.ShouldBe("email");
        PartyFields.Differ(before, before with { Discount = null }).ShouldBeFalse();
    }

    [Fact]
    public void every_stored_field_of_party_data_is_in_the_registry()
    {
        // The erased mark is no field a write sets: only an erasure does, as an event of its own.
        var properties = typeof(PartyData).GetProperties().Where(p => p.CanWrite && p.Name != nameof(PartyData.Erased))
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        PartyFields.All.Select(f => f.Name).Order().ShouldBe(properties.Order());
    }

    [Fact]
    public void an_api_key_is_stored_as_a_hash_and_matches_only_its_secret()
    {
        var organization = new Organization { Id = "org", AccountId = Guid.NewGuid() };
        var (key, text) = ApiKey.Issue(organization, new Parties.Reference.User("bob", "Bob", null, Parties.Reference.UserRole.Member), ["read"], DateTimeOffset.UtcNow);
        ApiKey.TryParse(text, out var id, out var secret).ShouldBeTrue();
        id.ShouldBe(key.Id);
        key.Matches(secret).ShouldBeTrue();
        key.Matches(secret + "x").ShouldBeFalse();
        key.SecretHash.ShouldNotBe(System.Text.Encoding.UTF8.GetBytes(secret));
        ApiKey.TryParse("pk_nothex_abc", out _, out _).ShouldBeFalse();
    }
}
