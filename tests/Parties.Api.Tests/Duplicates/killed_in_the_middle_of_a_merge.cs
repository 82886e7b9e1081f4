using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;
using static Parties.Api.Tests.Infrastructure.DatabaseWaits;

namespace Parties.Api.Tests.Duplicates;

public class killed_in_the_middle_of_a_merge(TestPostgres postgres)
{
    [Fact]
    public async Task a_sigkill_inside_the_merges_transaction_leaves_no_partial_merge_after_a_restart()
    {
        var database = await postgres.CreateDatabaseAsync("killedmerge");
        await using var app = new AppProcess(database);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(2) };
        var (_, key) = await Organizations.CreateAsync(http);
        var ids = new List<Guid>();
        foreach (var number in new[] { "KM-1", "KM-2", "KM-3" })
        {
            using var created = await Send(http, key, HttpMethod.Post, "/api/parties/",
                new { number, party_type = "organization", legal_name = $"Killed {number}", notes = number });
            ids.Add((await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid());
        }

        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await KilledMidTransaction.KillWhileWritingAsync(app, holder,
            () => Send(http, key, HttpMethod.Post, $"/api/parties/{ids[0]}/merge/", new { absorb = new[] { ids[1], ids[2] } }));

        await app.StartAsync();
        (await Sql(holder, $"select count(*) from {PartiesStore.Schema}.mt_events")).ShouldBe(3L);
        (await Sql(holder, $"select count(*) from {PartiesStore.Schema}.mt_doc_party where data ? 'mergedInto' or mt_version <> 1"))
            .ShouldBe(0L);
        foreach (var id in ids.Skip(1))
        {
            using var read = await Send(http, key, HttpMethod.Get, $"/api/parties/{id}/", null);
            read.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var again = await Send(http, key, HttpMethod.Post, $"/api/parties/{ids[0]}/merge/", new { absorb = new[] { ids[1], ids[2] } });
        again.StatusCode.ShouldBe(HttpStatusCode.OK, app.Output);
        (await Sql(holder, $"select count(*) from {PartiesStore.Schema}.mt_events")).ShouldBe(6L);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string key, HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Authorization", $"Api-Key {key}");
        return http.SendAsync(request);
    }
}
