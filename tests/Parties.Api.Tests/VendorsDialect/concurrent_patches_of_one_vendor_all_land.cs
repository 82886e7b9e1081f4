using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class concurrent_patches_of_one_vendor_all_land(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task each_writer_is_decided_again_on_the_fresh_vendor_and_none_is_lost()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Busy Vendor");
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/note", new { type = "VARCHAR" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Vendors.PatchAsync(app.Host, org.AdminKey, id, new
        {
            customFields = new Dictionary<string, object> { ["note"] = new { type = "VARCHAR", value = $"note {i}" } },
            email = $"writer{i}@busy.test",
        })));

        answers.ShouldAllBe(a => a.GetProperty("ok").GetBoolean());
        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        events.Count.ShouldBe(9);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 9).Select(v => (long)v));
    }
}
