using System.Diagnostics;
using System.Text.Json;
using Alba;
using Npgsql;
using Parties.Api.Tests.History;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Parties.Testing;
using Shouldly;

namespace Parties.Api.Tests.Erasure;

/// <summary>A person's values, each one unmistakable in a dump of the database.</summary>
public sealed record Person(string Tag)
{
    public string FirstName => $"Zainab{Tag}";
    public string LastName => $"Qasemi{Tag}";
    public string NationalCode => Tag == "A" ? "0012345678" : "0098765432";
    public string Mobile => Tag == "A" ? "09121234567" : "09127654321";
    public string MobileE164 => Tag == "A" ? "+989121234567" : "+989127654321";
    public string Phone => Tag == "A" ? "+919876500001" : "+919876500002";
    public string HomePhone => Tag == "A" ? "+982188001122" : "+982188003344";
    public string FirstAddress => $"17 Rumi Lane {Tag}";
    public string SecondAddress => $"4 Saadi Square {Tag}";
    public string SupplierAddress => $"99 Hafez Street {Tag}";
    public string Email => $"zainab.{Tag.ToLowerInvariant()}@erase.test";
    public string Notes => $"Allergic to peanuts {Tag}";
    public string LaterNotes => $"Prefers mornings {Tag}";
    public string SupplierComment => $"Pays in cash {Tag}";
    public string Birthplace => $"Born in Shiraz {Tag}";

    /// <summary>Every value of the person the store must forget.</summary>
    public string[] Values =>
    [
        FirstName, LastName, NationalCode, Mobile, MobileE164, Phone, HomePhone, FirstAddress, SecondAddress, SupplierAddress,
        Email, Notes, LaterNotes, SupplierComment, Birthplace,
    ];
}

/// <summary>Writes a person through the three dialects, and reads the database as a dump.</summary>
public static class Erasures
{
    public const string PersonalFlexField = "birthplace", OtherFlexField = "tier";

    public static async Task PersonalFlexFieldsAsync(IAlbaHost host, TestOrganization org)
    {
        await Organizations.PutAsync(host, org.AdminKey, $"/admin/flex-fields/{PersonalFlexField}", new { type = "VARCHAR", personal = true });
        await Organizations.PutAsync(host, org.AdminKey, $"/admin/flex-fields/{OtherFlexField}", new { type = "VARCHAR" });
    }

    /// <summary>A new organization with the two flex fields, and a person written into it by <see cref="WriteAsync"/>.</summary>
    public static async Task<(TestOrganization Org, Person Person, Guid Id)> PersonWrittenAsync(IAlbaHost host, string tag)
    {
        var org = await Suppliers.OrganizationAsync(host);
        await PersonalFlexFieldsAsync(host, org);
        var person = new Person(tag);
        return (org, person, await WriteAsync(host, org, person));
    }

    /// <summary>Create (under an Idempotency-Key), two Parties PATCHes, a Vendors PATCH with a personal flex field and a
    /// Suppliers PUT; returns the party's id.</summary>
    public static async Task<Guid> WriteAsync(IAlbaHost host, TestOrganization org, Person person)
    {
        var create = await host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", JsonSerializer.Serialize(new
        {
            number = $"P-{person.Tag}-{Guid.NewGuid():N}"[..20], party_type = "individual", role = "vendor",
            first_name = person.FirstName, last_name = person.LastName, national_code = person.NationalCode, mobile = person.Mobile,
            notes = person.Notes,
            addresses = new[] { new { address_type = "billing", address = person.FirstAddress, city = "Tehran", is_default = true } },
            phones = new[] { new { phone_type = "home", phone = person.HomePhone } },
        }), IdempotencyCalls.NewKey());
        create.Status.ShouldBe(201, create.Body);
        var id = JsonDocument.Parse(create.Body).RootElement.GetProperty("id").GetGuid();

        await host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{id}/", new
        {
            notes = person.LaterNotes,
            addresses = new[] { new { address_type = "billing", address = person.SecondAddress, city = "Shiraz", is_default = true } },
        }, 200);
        var patch = await Vendors.PatchAsync(host, org.AdminKey, id, new
        {
            email = person.Email, phone = person.Phone,
            customFields = new Dictionary<string, object>
            {
                [PersonalFlexField] = new { type = "VARCHAR", value = person.Birthplace },
                [OtherFlexField] = new { type = "VARCHAR", value = "gold" },
            },
        });
        patch.GetProperty("update").GetBoolean().ShouldBeTrue(patch.ToString());

        var supplier = Suppliers.Valid($"{person.FirstName} {person.LastName}");
        supplier["ID"] = id;
        supplier["Comments"] = person.SupplierComment;
        supplier["Addresses"] = new[] { Suppliers.Address(person.SupplierAddress) };
        var put = (await Suppliers.UpdateAsync(host, org, supplier))[0];
        put.GetProperty("OperationStatus").GetString().ShouldBe("succeeded", put.ToString());
        return id;
    }

    public static async Task<JsonElement> EraseAsync(IAlbaHost host, string key, Guid id, int status = 200, string reason = "GDPR article 17 request")
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { reason }).ToUrl($"/api/parties/{id}/erase/");
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    /// <summary>pg_dump beside the server binaries the fixture runs (which may be links on PATH to where it is).</summary>
    private static string PgDump()
    {
        var initdb = new FileInfo(Path.Combine(PostgresTools.Bin(), "initdb"));
        var real = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
        return Path.Combine(Path.GetDirectoryName(real)!, "pg_dump");
    }

    /// <summary>Every table of the database, rows only, as <c>pg_dump --data-only</c> writes it.</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PgDump(),
            $"--data-only --host={c.Host} --port={c.Port} --username={c.Username} --dbname={c.Database}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (c.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await error);
        return await output;
    }
}
