using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Erasure;

/// <summary>A person recorded twice, merged, then erased: neither record's values are left, the absorbed one's own events included.</summary>
public class erasing_a_survivor_erases_the_persons_merged_into_it(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_dump_holds_none_of_the_values_of_the_survivor_nor_of_the_party_it_absorbed()
    {
        var (org, survivorPerson, survivor) = await Erasures.PersonWrittenAsync(app.Host, "A");
        var absorbedPerson = new Person("B");
        var absorbed = await Erasures.WriteAsync(app.Host, org, absorbedPerson);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, $"/api/parties/{survivor}/merge/", new { absorb = new[] { absorbed } }, 200);
        await app.Store.CaughtUpAsync();
        var before = await Erasures.DumpAsync(app.ConnectionString);
        absorbedPerson.Values.Where(v => !before.Contains(v)).ShouldBeEmpty("values the dump lacked before the erasure: the test proves nothing");

        await Erasures.EraseAsync(app.Host, org.AdminKey, survivor);
        await app.Store.CaughtUpAsync();

        var after = await Erasures.DumpAsync(app.ConnectionString);
        survivorPerson.Values.Where(after.Contains).ShouldBeEmpty("values of the survivor still in the database");
        absorbedPerson.Values.Where(after.Contains).ShouldBeEmpty("values of the absorbed party still in the database");
    }
}
