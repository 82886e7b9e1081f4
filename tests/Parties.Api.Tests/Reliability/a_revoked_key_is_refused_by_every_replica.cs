using System.Diagnostics;
using Alba;
using Npgsql;
using Parties.Api.Auth;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Tenancy;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>Keys are cached per replica (authentication costs no round trip); revocation reaches every replica.</summary>
public class a_revoked_key_is_refused_by_every_replica(TwoReplicas replicas, ITestOutputHelper output) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task the_revoking_replica_refuses_it_at_once_and_the_other_as_soon_as_postgresql_tells_it()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        var key = await Organizations.AddKeyAsync(replicas.First, org.AdminKey, "alice", "read", "write");
        // Both replicas have the key cached now.
        await replicas.First.GetJsonAsync(key, "/api/parties/");
        await replicas.Second.GetJsonAsync(key, "/api/parties/");
        ApiKey.TryParse(key, out var keyId, out _).ShouldBeTrue();

        await replicas.First.Scenario(s => { s.Delete.Url($"/admin/api-keys/{keyId}"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });

        await replicas.First.GetJsonAsync(key, "/api/parties/", 401);
        var clock = Stopwatch.StartNew();
        while (await StatusAsync(replicas.Second, key) != 401 && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(5);
        (await StatusAsync(replicas.Second, key)).ShouldBe(401);
        output.WriteLine($"the other replica refused the revoked key after {clock.Elapsed.TotalMilliseconds:0.0} ms");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task a_replica_that_lost_its_listener_reads_every_key_from_the_database_until_it_listens_again()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        var key = await Organizations.AddKeyAsync(replicas.First, org.AdminKey, "alice", "read", "write");
        await replicas.Second.GetJsonAsync(key, "/api/parties/");

        // Both listeners lose their connection, then the key is revoked behind the service's back (no notification):
        // only a replica that reads the key again can know.
        await using var connection = new NpgsqlConnection(replicas.ConnectionString);
        await connection.OpenAsync();
        await Sql(connection, "select pg_terminate_backend(pid) from pg_stat_activity " +
                              $"where query = 'LISTEN {ApiKeyRevocations.Channel}' and pid <> pg_backend_pid()");
        ApiKey.TryParse(key, out var keyId, out _).ShouldBeTrue();
        await Sql(connection, $"update {PartiesStore.Schema}.mt_doc_apikey set data = jsonb_set(data, '{{revokedAt}}', " +
                              $"to_jsonb(now())) where id = '{keyId}'");

        var clock = Stopwatch.StartNew();
        while (await StatusAsync(replicas.Second, key) != 401 && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(20);
        (await StatusAsync(replicas.Second, key)).ShouldBe(401);
        output.WriteLine($"refused {clock.Elapsed.TotalMilliseconds:0} ms after its listener was cut");
    }

    private static async Task<int> StatusAsync(IAlbaHost host, string key) =>
        (await host.Scenario(s => { s.Get.Url("/api/parties/"); s.WithApiKey(key); s.IgnoreStatusCode(); })).Context.Response.StatusCode;

    private static async Task Sql(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
