using System.Net.Http.Headers;
using System.Text;
using Alba;
using Marten;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Idempotency;
using Shouldly;

namespace Parties.Api.Tests.History;

/// <summary>An answer as the client sees it: what a replay must repeat.</summary>
public sealed record Answer(int Status, string Body, string? ETag, bool Replayed)
{
    public void ShouldRepeat(Answer first)
    {
        Status.ShouldBe(first.Status, Body);
        Body.ShouldBe(first.Body);
        ETag.ShouldBe(first.ETag);
    }
}

/// <summary>Raw HTTP calls with an Idempotency-Key, over the test server (safe to run in parallel).</summary>
public static class IdempotencyCalls
{
    public static async Task<Answer> SendAsync(this IAlbaHost host, string apiKey, HttpMethod method, string url, string body,
        string? idempotencyKey, CancellationToken cancellation = default)
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Api-Key", apiKey);
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        if (method != HttpMethod.Delete) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, cancellation);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.ETag?.ToString(),
            response.Headers.Contains("Idempotent-Replayed"));
    }

    /// <summary>The organization's party events; a failed quick-append transaction leaves tombstones, which are not writes.</summary>
    public static async Task<long> EventCountAsync(this AppFixture app, TestOrganization org)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from parties.mt_events where tenant_id = @tenant and type <> 'tombstone'", connection);
        command.Parameters.AddWithValue("tenant", org.Id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(this AppFixture app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<IReadOnlyList<IdempotencyRecord>> IdempotencyRecordsAsync(this AppFixture app, TestOrganization org)
    {
        await using var session = app.Store.QuerySession(org.Id);
        return await session.Query<IdempotencyRecord>().ToListAsync();
    }

    public static string NewKey() => Guid.NewGuid().ToString();
}
