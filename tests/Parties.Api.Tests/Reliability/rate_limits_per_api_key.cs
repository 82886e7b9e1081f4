using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

public sealed class RateLimitedAppFixture(TestPostgres postgres) : AppFixture(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("Parties:RateLimit:PermitsPerMinute", "5"), ("Parties:RateLimit:SuppliersPermitsPerMinute", "3")];
}

public class rate_limits_per_api_key(RateLimitedAppFixture app) : IClassFixture<RateLimitedAppFixture>
{
    [Fact]
    public async Task the_parties_dialect_answers_429_with_retry_after_past_the_limit_and_other_keys_are_not_affected()
    {
        var org = await Organizations.CreateAsync(app.Host);
        for (var i = 0; i < 5; i++)
            await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{Guid.NewGuid()}/"); s.WithApiKey(org.ReadOnlyKey); s.StatusCodeShouldBe(404); });

        var throttled = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/parties/{Guid.NewGuid()}/");
            s.WithApiKey(org.ReadOnlyKey);
            s.StatusCodeShouldBe(429);
        });
        int.Parse(throttled.Context.Response.Headers.RetryAfter.ToString()).ShouldBeInRange(1, 60);
        (await throttled.JsonAsync()).GetProperty("detail").GetString()!.ShouldStartWith("Request was throttled.");

        await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{Guid.NewGuid()}/"); s.WithApiKey(org.MemberKey); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s => { s.Get.Url("/health/live"); s.StatusCodeShouldBeOk(); });
    }
}

public class the_suppliers_dialect_answers_503_at_its_limit(RateLimitedAppFixture app) : IClassFixture<RateLimitedAppFixture>
{
    [Fact]
    public async Task past_its_own_budget_with_retry_after_in_the_cin7_shape()
    {
        var org = await Organizations.CreateAsync(app.Host);
        void Cin7(Scenario s)
        {
            s.Get.Url("/Suppliers");
            s.WithRequestHeader("api-auth-accountid", org.AccountId.ToString());
            s.WithRequestHeader("api-auth-applicationkey", org.BookkeeperKey);
        }
        for (var i = 0; i < 3; i++) await app.Host.Scenario(s => { Cin7(s); s.StatusCodeShouldBeOk(); });
        var limited = await app.Host.Scenario(s => { Cin7(s); s.StatusCodeShouldBe(503); });
        limited.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeNullOrEmpty();
        (await limited.ReadAsTextAsync()).ShouldContain("ErrorCode");

        // The Suppliers budget is its own: the same key still reaches the Parties dialect.
        await app.Host.Scenario(s => { s.Get.Url("/api/parties/"); s.WithApiKey(org.BookkeeperKey); s.StatusCodeShouldBeOk(); });
    }
}
