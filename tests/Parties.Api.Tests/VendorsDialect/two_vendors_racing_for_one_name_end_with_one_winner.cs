using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class two_vendors_racing_for_one_name_end_with_one_winner(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task the_loser_is_told_duplicate_vendor_name_never_a_500()
    {
        var org = await Organizations.CreateAsync(app.Host);
        for (var round = 0; round < 5; round++)
        {
            var first = await Vendors.CreateAsync(app.Host, org.AdminKey, $"First {round}");
            var second = await Vendors.CreateAsync(app.Host, org.AdminKey, $"Second {round}");
            var name = $"Contested {round}";

            var answers = await Task.WhenAll(
                Vendors.PatchAsync(app.Host, org.AdminKey, first, new { name }),
                Vendors.PatchAsync(app.Host, org.BookkeeperKey, second, new { name = name.ToUpperInvariant() }));

            var outcomes = answers.Select(a => a.Update("name")).ToArray();
            outcomes.Count(o => o.GetProperty("update").GetBoolean()).ShouldBe(1, string.Join("\n", answers.Select(a => a.GetRawText())));
            var winner = outcomes[0].GetProperty("update").GetBoolean() ? first : second;
            var loser = outcomes.Single(o => !o.GetProperty("update").GetBoolean());
            loser.GetProperty("error").GetProperty("code").GetString().ShouldBe("DUPLICATE_VENDOR_NAME");
            loser.GetProperty("isDuplicate").GetBoolean().ShouldBeTrue();
            loser.GetProperty("duplicateVendor").GetProperty("id").GetGuid().ShouldBe(winner);

            await using var session = app.Store.QuerySession(org.Id);
            (await session.Query<Party>().CountAsync(p => p.VendorNameKey == name.ToLowerInvariant())).ShouldBe(1);
        }
    }

    [Fact]
    public async Task two_creates_with_one_name_make_one_vendor()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Same Name Inc" }).ToUrl("/v1.0/vendor");
            s.WithApiKey(org.AdminKey);
            s.IgnoreStatusCode();
        })));
        results.Select(r => r.Context.Response.StatusCode).Order().ShouldBe([201, 400]);
        var refused = await results.Single(r => r.Context.Response.StatusCode == 400).JsonAsync();
        refused.ShouldBeError("DUPLICATE_VENDOR_NAME", "Vendor with the same name already exist");
    }
}
