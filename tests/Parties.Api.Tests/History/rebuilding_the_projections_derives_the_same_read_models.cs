using System.Text.Json;
using Alba;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.History;

/// <summary>
/// <c>dotnet Parties.Api.dll projections rebuild</c> (the JasperFx command line), run as a process against the
/// fixture's database after a varied workload (an erasure included), gives back the party and audit tables row for row.
/// </summary>
public class rebuilding_the_projections_derives_the_same_read_models(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>
    /// Every column of every row, by tenant and id, except the bookkeeping a rebuild does anew by definition:
    /// <c>mt_last_modified</c> (when the row was stored) and, for the audit entries, <c>mt_version</c> (the fresh
    /// uuid Marten stamps on each store of a plain document as its concurrency token). The party snapshot's
    /// <c>mt_version</c> is its stream version, derived from the events, so it is compared.
    /// </summary>
    private async Task<string[]> RowsAsync(string table, params string[] bookkeeping)
    {
        var excluded = string.Concat(bookkeeping.Prepend("mt_last_modified").Select(c => $" - '{c}'"));
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select (to_jsonb(t){excluded})::text from parties.{table} t order by tenant_id, id", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return [.. rows];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WorkloadAsync(string name)
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var jane = await app.Host.CreateIdAsync(org.AdminKey, new { number = $"{name}-1", party_type = "individual", first_name = "Jane", mobile = "09121001234" });
        await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{jane}/", new { notes = "VIP", last_name = "Doe" }, 200);
        var bulk = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/bulk/", new object[]
        {
            new { number = $"{name}-2", party_type = "organization", name = "Bulk One" },
            new { number = $"{name}-3", party_type = "organization", name = "Bulk Two", notes = "two's notes", role = "vendor" },
        }, 201);
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{jane}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });
        // Jane asks to be forgotten: her events are masked, her snapshot emptied; the rebuild must give the same erased state.
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "asked by Jane" }).ToUrl($"/api/parties/{jane}/erase/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(200);
        });

        var vendor = await Vendors.CreateAsync(app.Host, org.MemberKey, $"{name} Vendor");
        await Vendors.PatchAsync(app.Host, org.MemberKey, vendor, new { name = $"{name} Vendor Renamed", email = "v@acme.test" });

        var supplier = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid($"{name} Supplier"))).GetProperty("ID").GetGuid();
        var update = Suppliers.Valid($"{name} Supplier Ltd");
        update["ID"] = supplier;
        update["Status"] = "Deprecated";
        (await Suppliers.UpdateAsync(app.Host, org, update))[0].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");

        // Merges and an unmerge: four streams written in pairs, the survivors' values taken and given back.
        var (one, two) = (bulk[0].GetProperty("id").GetGuid(), bulk[1].GetProperty("id").GetGuid());
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, $"/api/parties/{one}/merge/",
            new { absorb = new[] { two }, prefer = new { notes = two } }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, $"/api/parties/{vendor}/merge/", new { absorb = new[] { supplier } }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, $"/api/parties/{one}/unmerge/", new { restore = two }, 200);
    }

    /// <summary>Identifiers claimed while the organization keeps them unique (single and bulk), one claim moved, one
    /// cleared by a change made with the setting off, one by a deactivation.</summary>
    private async Task ClaimsWorkloadAsync()
    {
        var org = await Organizations.CreateAsync(app.Host, "Claims");
        async Task UniqueAsync(bool on) => await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings",
            new { plan = "Large", defaultCountry = "IR", uniqueIdentifiers = on });
        await UniqueAsync(true);
        var first = await app.Host.CreateIdAsync(org.AdminKey,
            new { number = "C-1", party_type = "organization", legal_name = "Claims One", national_code = "0030000001", economic_code = "4301" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/bulk/", new object[]
        {
            new { number = "C-2", party_type = "organization", legal_name = "Claims Two", national_code = "0030000002", economic_code = "4302" },
            new { number = "C-3", party_type = "organization", legal_name = "Claims Three", national_code = "0030000005" },
        }, 201);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{first}/", new { national_code = "0030000003" }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, "/api/parties/bulk/", new object[] { new { number = "C-3", is_active = false } }, 200);
        await UniqueAsync(false);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, "/api/parties/bulk/", new object[] { new { number = "C-2", national_code = "0030000004" } }, 200);
    }

    [Fact]
    public async Task the_rebuilt_party_and_audit_tables_equal_the_live_ones_row_for_row()
    {
        await WorkloadAsync("Acme");
        await WorkloadAsync("Globex");
        await ClaimsWorkloadAsync();
        await app.Store.CaughtUpAsync();
        var parties = await RowsAsync("mt_doc_party");
        var audit = await RowsAsync("mt_doc_auditentry", "mt_version");
        parties.Length.ShouldBe(13);
        audit.Length.ShouldBe(38);
        parties.Count(p => p.Contains("\"nationalCodeClaim\": \"0030000003\"") && p.Contains("\"economicCodeClaim\": \"4301\"")).ShouldBe(1);
        parties.Count(p => p.Contains("Claim\"")).ShouldBe(2);
        parties.Count(p => p.Contains("\"erased\": true")).ShouldBe(2);
        parties.ShouldNotContain(p => p.Contains("Jane") || p.Contains("09121001234") || p.Contains("VIP"));

        // Lose both read models entirely, so only the events can bring them back.
        await ExecuteAsync("delete from parties.mt_doc_party; delete from parties.mt_doc_auditentry;");
        (await RowsAsync("mt_doc_party")).ShouldBeEmpty();

        // The app's own build output: from the test folder, JasperFx's command discovery would load the test assemblies.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var api = Path.Combine(Repository.Root(), "src", "Parties.Api", "bin", configuration, "net10.0", "Parties.Api.dll");
        var (exit, output) = await Repository.RunAsync("dotnet", $"\"{api}\" projections rebuild",
            ("ConnectionStrings__Parties", app.ConnectionString), ("Parties__AdminKey", AppFixture.AdminKey),
            ("ASPNETCORE_ENVIRONMENT", "Development"));
        exit.ShouldBe(0, output);

        var rebuiltParties = await RowsAsync("mt_doc_party");
        var rebuiltAudit = await RowsAsync("mt_doc_auditentry", "mt_version");
        for (var i = 0; i < Math.Min(parties.Length, rebuiltParties.Length); i++) rebuiltParties[i].ShouldBe(parties[i]);
        rebuiltParties.Length.ShouldBe(parties.Length);
        for (var i = 0; i < Math.Min(audit.Length, rebuiltAudit.Length); i++) rebuiltAudit[i].ShouldBe(audit[i]);
        rebuiltAudit.Length.ShouldBe(audit.Length);

        // And the app reads them as before.
        var org = await Organizations.CreateAsync(app.Host, "After Rebuild");
        await app.Host.CreateIdAsync(org.AdminKey, new { number = "Acme-1", party_type = "individual", first_name = "New" });
    }
}
