using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class audit_trail_answers_in_pages(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task pages_of_limit_items_follow_next_cursor_through_the_whole_history_without_gap_or_repeat()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Pager", email = "p0@pager.test" });
        for (var i = 1; i <= 30; i++)
            await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { name = $"Pager {i}", email = $"p{i}@pager.test" });

        var whole = await PageAsync(org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail?limit=200");
        whole.Next.ShouldBeNull();
        whole.Count.ShouldBe(whole.Items.Length);
        whole.Items.Length.ShouldBeGreaterThan(60);

        // A limit of 7 splits the two-field writes across pages: the cursor continues inside a write.
        var walked = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail?limit=7" + (cursor is null ? "" : $"&cursor={cursor}"));
            page.Items.Length.ShouldBeLessThanOrEqualTo(7);
            page.Count.ShouldBe(page.Items.Length);
            if (page.Next is not null) page.Items.Length.ShouldBe(7);
            walked.AddRange(page.Items);
            cursor = page.Next;
            pages++;
        } while (cursor is not null);

        walked.ShouldBe(whole.Items);
        pages.ShouldBe((whole.Items.Length + 6) / 7);
    }

    [Fact]
    public async Task the_default_page_is_50_items_and_a_new_write_does_not_shift_the_next_page()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Deep", email = "d0@deep.test" });
        for (var i = 1; i <= 30; i++)
            await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { name = $"Deep {i}", email = $"d{i}@deep.test" });

        var first = await PageAsync(org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail");
        first.Items.Length.ShouldBe(50);
        first.Next.ShouldNotBeNull();
        var second = await PageAsync(org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail?cursor={first.Next}");

        await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { name = "Deep latest" });
        (await PageAsync(org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail?cursor={first.Next}")).Items.ShouldBe(second.Items);
        (await PageAsync(org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail?limit=1")).Items[0].ShouldContain("Deep latest");
    }

    [Theory]
    [InlineData("limit=0", "/limit")]
    [InlineData("limit=201", "/limit")]
    [InlineData("limit=ten", "/limit")]
    [InlineData("limit=-1", "/limit")]
    [InlineData("cursor=not-a-cursor", "/cursor")]
    [InlineData("cursor=AAAAAAAAAAAAAAAA", "/cursor")]
    public async Task a_bad_limit_or_cursor_is_a_validation_error_naming_the_parameter(string query, string pointer)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Strict");
        var body = await Vendors.GetAsync(app.Host, org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail?{query}", 400);
        body.ShouldBeError("VALIDATION_ERROR");
        body.GetProperty("error").GetProperty("message").GetString()!.ShouldStartWith($"Validation failed: {pointer}:");
    }

    private sealed record AuditPage(string[] Items, int Count, string? Next);

    private async Task<AuditPage> PageAsync(string key, string url)
    {
        var data = (await Vendors.GetAsync(app.Host, key, url)).GetProperty("data");
        var context = data.GetProperty("context");
        return new AuditPage(
            [.. data.GetProperty("auditTrail").EnumerateArray().Select(i => i.GetRawText())],
            context.GetProperty("count").GetInt32(),
            context.GetProperty("nextCursor") is { ValueKind: JsonValueKind.String } next ? next.GetString() : null);
    }
}
