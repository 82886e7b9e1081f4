using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

public class rebuilding_the_projections_visits_every_database(ShardedApp app) : IClassFixture<ShardedApp>
{
    private const string PartiesOf = "select count(*) from parties.mt_doc_party where tenant_id = $1";
    private const string AuditOf = "select count(*) from parties.mt_doc_auditentry where tenant_id = $1";

    [Fact]
    public async Task projections_rebuild_brings_back_the_read_models_of_each_database_from_its_events()
    {
        var orgs = new Dictionary<string, TestOrganization>();
        foreach (var database in new[] { ShardedApp.One, ShardedApp.Two })
        {
            var org = orgs[database] = await Organizations.CreateAsync(app.First, database: database);
            var id = await app.First.CreateIdAsync(org.AdminKey, new { number = "R-1", party_type = "individual", first_name = "Re" });
            await app.First.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "built" }, 200);
            await Vendors.CreateAsync(app.First, org.AdminKey, $"Rebuilt {database}");
            // The audit query waits for the async daemon, so the index is complete before the read models are lost.
            (await app.First.GetJsonAsync(org.AdminKey, "/api/audit/")).GetProperty("results").GetArrayLength().ShouldBe(3);
        }
        foreach (var (database, org) in orgs)
        {
            (await app.ScalarAsync(database, PartiesOf, org.Id)).ShouldBe(2);
            (await app.ScalarAsync(database, AuditOf, org.Id)).ShouldBe(3);
            await app.ExecuteAsync(database, "delete from parties.mt_doc_party; delete from parties.mt_doc_auditentry;");
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var api = Path.Combine(Repository.Root(), "src", "Parties.Api", "bin", configuration, "net10.0", "Parties.Api.dll");
        var (exit, output) = await Repository.RunAsync("dotnet", $"\"{api}\" projections rebuild",
            [.. app.PoolEnvironment, ("Parties__AdminKey", AppFixture.AdminKey), ("ASPNETCORE_ENVIRONMENT", "Development")]);
        exit.ShouldBe(0, output);

        foreach (var (database, org) in orgs)
        {
            (await app.ScalarAsync(database, PartiesOf, org.Id)).ShouldBe(2, database);
            (await app.ScalarAsync(database, AuditOf, org.Id)).ShouldBe(3, database);
        }
    }
}
