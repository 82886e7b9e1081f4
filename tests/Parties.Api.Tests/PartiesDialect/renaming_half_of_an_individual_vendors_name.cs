using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class renaming_half_of_an_individual_vendors_name(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task into_a_name_another_vendor_holds_is_a_400_on_that_field_not_a_500()
    {
        var org = await Organizations.CreateAsync(app.Host);
        async Task<Guid> Create(string number, string first, string last)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { number, party_type = "individual", first_name = first, last_name = last, role = "vendor" }).ToUrl("/api/parties/");
                s.WithApiKey(org.AdminKey);
                s.StatusCodeShouldBe(201);
            });
            return (await result.JsonAsync()).GetProperty("id").GetGuid();
        }
        await Create("1", "Jane", "Doe");
        var john = await Create("2", "John", "Doe");

        var refused = await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { first_name = "JANE" }).ToUrl($"/api/parties/{john}/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        (await refused.JsonAsync()).TryGetProperty("first_name", out _).ShouldBeTrue();

        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamStateAsync(john))!.Version.ShouldBe(1);
    }
}
