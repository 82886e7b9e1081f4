using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.History;

public class idempotency_keys_on_parties_writes(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Parties = "/api/parties/", Bulk = "/api/parties/bulk/";

    private static string Individual(string number, string firstName = "Ada") =>
        JsonSerializer.Serialize(new { number, party_type = "individual", first_name = firstName });

    [Fact]
    public async Task a_repeated_create_answers_the_first_response_and_writes_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();

        var first = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("P-1"), key);
        first.Status.ShouldBe(201, first.Body);
        first.ETag.ShouldBe("\"1\"");
        first.Replayed.ShouldBeFalse();

        var again = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("P-1"), key);
        again.ShouldRepeat(first);
        again.Replayed.ShouldBeTrue();
        (await app.EventCountAsync(org)).ShouldBe(1);
        (await app.IdempotencyRecordsAsync(org)).ShouldHaveSingleItem().Scope.ShouldBe($"bob:{key}");
    }

    [Fact]
    public async Task the_same_key_with_another_body_or_endpoint_is_a_drf_422_and_writes_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("P-1"), key)).Status.ShouldBe(201);

        foreach (var (method, url, body) in new[]
                 {
                     (HttpMethod.Post, Parties, Individual("P-2")),
                     (HttpMethod.Post, Parties, Individual("P-1", "Grace")),
                     (HttpMethod.Post, Bulk, $"[{Individual("P-1")}]"),
                 })
        {
            var reused = await app.Host.SendAsync(org.BookkeeperKey, method, url, body, key);
            reused.Status.ShouldBe(422, reused.Body);
            JsonDocument.Parse(reused.Body).RootElement.GetProperty("detail").GetString()
                .ShouldBe("This Idempotency-Key was already used for another request (method, path or body).");
        }
        (await app.EventCountAsync(org)).ShouldBe(1);
    }

    [Fact]
    public async Task bulk_create_replace_and_patch_replay_their_first_answers()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var created = $"[{Individual("B-1")},{Individual("B-2", "Grace")}]";
        var replaced = JsonSerializer.Serialize(new[]
        {
            new { number = "B-1", party_type = "individual", first_name = "Ada", last_name = "Lovelace" },
        });
        var patched = JsonSerializer.Serialize(new[] { new { number = "B-2", last_name = "Hopper" } });

        var expectedEvents = 0L;
        foreach (var (method, body, status, writes) in new[]
                 {
                     (HttpMethod.Post, created, 201, 2), (HttpMethod.Put, replaced, 200, 1), (HttpMethod.Patch, patched, 200, 1),
                 })
        {
            var key = IdempotencyCalls.NewKey();
            var first = await app.Host.SendAsync(org.AdminKey, method, Bulk, body, key);
            first.Status.ShouldBe(status, first.Body);
            expectedEvents += writes;
            (await app.EventCountAsync(org)).ShouldBe(expectedEvents);

            var again = await app.Host.SendAsync(org.AdminKey, method, Bulk, body, key);
            again.ShouldRepeat(first);
            again.Replayed.ShouldBeTrue();
            (await app.EventCountAsync(org)).ShouldBe(expectedEvents, $"{method} replay wrote");
        }
    }

    [Fact]
    public async Task a_patch_retried_with_its_if_match_replays_instead_of_answering_412()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = JsonDocument.Parse((await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Parties, Individual("E-1"), null)).Body)
            .RootElement.GetProperty("id").GetGuid();
        var key = IdempotencyCalls.NewKey();

        async Task<Answer> Patch()
        {
            using var client = app.Host.Server.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"{Parties}{id}/")
            {
                Content = new StringContent("""{"last_name":"Lovelace"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", $"Api-Key {org.AdminKey}");
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await client.SendAsync(request);
            return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.ETag?.ToString(), false);
        }

        var first = await Patch();
        first.Status.ShouldBe(200, first.Body);
        first.ETag.ShouldBe("\"2\"");
        (await Patch()).ShouldRepeat(first);
        (await app.EventCountAsync(org)).ShouldBe(2);
    }

    [Fact]
    public async Task a_refused_create_is_not_replayed_so_the_key_works_once_the_body_is_corrected()
    {
        var org = await Organizations.CreateAsync(app.Host);
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Parties, Individual("TAKEN"), null)).Status.ShouldBe(201);
        var key = IdempotencyCalls.NewKey();

        var refused = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("TAKEN"), key);
        refused.Status.ShouldBe(400, refused.Body);
        refused.Body.ShouldContain("party with this number already exists.");
        (await app.IdempotencyRecordsAsync(org)).ShouldAllBe(r => !r.Replays);

        var corrected = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("FREE"), key);
        corrected.Status.ShouldBe(201, corrected.Body);
        (await app.EventCountAsync(org)).ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("clé")]
    [InlineData(null)]
    public async Task a_key_that_is_empty_overlong_or_not_visible_ascii_is_a_400_naming_the_header(string? key)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var answer = await app.Host.Scenario(s =>
        {
            s.Post.Url(Parties);
            s.RawJson(Individual("K-1"));
            s.WithApiKey(org.BookkeeperKey);
            s.WithRequestHeader("Idempotency-Key", key ?? new string('k', 256));
            s.StatusCodeShouldBe(400);
        });
        (await answer.JsonAsync()).GetProperty("Idempotency-Key")[0].GetString()
            .ShouldBe("Must be one value of 1 to 255 visible ASCII characters.");
        (await app.EventCountAsync(org)).ShouldBe(0);

        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("K-1"), new string('k', 255)))
            .Status.ShouldBe(201);
    }

    [Fact]
    public async Task keys_belong_to_a_user_within_an_organization()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var other = await Organizations.CreateAsync(app.Host, "Globex");
        const string key = "order-42";

        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("U-1"), key)).Status.ShouldBe(201);
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Parties, Individual("U-2"), key)).Status.ShouldBe(201);
        (await app.Host.SendAsync(other.BookkeeperKey, HttpMethod.Post, Parties, Individual("U-1"), key)).Status.ShouldBe(201);
        // Another key of the same user shares its keys.
        var bobsSecondKey = await Organizations.AddKeyAsync(app.Host, org.AdminKey, "bob", "read", "write");
        (await app.Host.SendAsync(bobsSecondKey, HttpMethod.Post, Parties, Individual("U-1"), key)).Replayed.ShouldBeTrue();

        (await app.EventCountAsync(org)).ShouldBe(2);
        (await app.EventCountAsync(other)).ShouldBe(1);
    }

    [Fact]
    public async Task ten_concurrent_creates_with_one_key_write_once_and_answer_alike()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("C-1"), key)));

        foreach (var answer in answers) answer.ShouldRepeat(answers[0]);
        answers[0].Status.ShouldBe(201, answers[0].Body);
        (await app.EventCountAsync(org)).ShouldBe(1);
    }

    [Fact]
    public async Task ten_concurrent_bulk_creates_with_one_key_and_two_bodies_write_one_of_them()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        string Body(int i) => $"[{Individual($"D-{i % 2}-1")},{Individual($"D-{i % 2}-2")}]";

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Bulk, Body(i), key)));

        var written = answers.Where(a => a.Status == 201).ToArray();
        written.ShouldNotBeEmpty();
        foreach (var answer in written) answer.ShouldRepeat(written[0]);
        answers.Where(a => a.Status != 201).ShouldAllBe(a => a.Status == 422 && a.Body.Contains("\"detail\""));
        (await app.EventCountAsync(org)).ShouldBe(2);
    }
}
