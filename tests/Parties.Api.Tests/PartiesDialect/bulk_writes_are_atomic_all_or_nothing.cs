using System.Text.Json;
using Alba;
using Marten;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class bulk_writes_are_atomic_all_or_nothing(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Bulk = "/api/parties/bulk/";

    [Fact]
    public async Task bulk_create_answers_201_with_the_parties_in_order()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var body = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Bulk, new object[]
        {
            new { number = "2001", party_type = "individual", first_name = "Alice" },
            new { number = "2002", party_type = "organization", legal_name = "Example Corp", role = "vendor" },
        }, 201);

        body.Strings("number").ShouldBe(["2001", "2002"]);
        body[0].GetProperty("first_name").GetString().ShouldBe("Alice");
        body[1].GetProperty("legal_name").GetString().ShouldBe("Example Corp");
        body[1].GetProperty("version").GetInt32().ShouldBe(1);

        var id = body[1].GetProperty("id").GetGuid();
        var read = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/");
        read.GetProperty("role").GetString().ShouldBe("vendor");
        (await app.CountAsync(org)).ShouldBe((2, 2, 2));

        await using var session = app.Store.QuerySession(org.Id);
        var registered = (await session.Events.FetchStreamAsync(id)).ShouldHaveSingleItem();
        registered.UserName.ShouldBe("bob");
        registered.GetHeader("dialect")!.ToString().ShouldBe("parties");
    }

    [Fact]
    public async Task a_bulk_of_1000_creates_is_written_in_one_transaction()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var items = Enumerable.Range(0, BulkMax).Select(i => new
        {
            number = $"K{i:0000}", party_type = i % 2 == 0 ? "individual" : "organization",
            legal_name = i % 2 == 0 ? null : $"Company {i}", role = i % 3 == 0 ? "vendor" : "customer",
        }).ToArray();

        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk, items, 201);
        body.GetArrayLength().ShouldBe(BulkMax);
        (await app.CountAsync(org)).ShouldBe((BulkMax, BulkMax, BulkMax));

        // Rows written by one transaction share its id (xmin).
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(distinct xmin::text) from parties.mt_events where tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("tenant", org.Id);
        (await command.ExecuteScalarAsync()).ShouldBe(1L);
    }

    [Fact]
    public async Task more_than_1000_items_is_a_400_and_nothing_is_written()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var items = Enumerable.Range(0, BulkMax + 1).Select(i => new { number = $"M{i}", party_type = "individual" }).ToArray();
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch })
        {
            var body = await app.Host.SendAsync(org.AdminKey, method, Bulk, items, 400);
            body.GetProperty("non_field_errors")[0].GetString().ShouldBe("Ensure this list has no more than 1000 items.");
        }
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task bulk_create_with_any_invalid_item_writes_nothing_and_names_the_item_and_field()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.CreateAsync(org.AdminKey, new { number = "TAKEN", party_type = "organization", legal_name = "Taken Ltd", role = "vendor" });
        var before = await app.CountAsync(org);

        async Task<JsonElement> Fails(params object[] items)
        {
            var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk, items, 400);
            (await app.CountAsync(org)).ShouldBe(before);
            return body;
        }

        var ok = new { number = "OK-1", party_type = "individual" };
        var inBatch = await Fails(ok, new { number = "DUP", party_type = "individual" }, new { number = "DUP", party_type = "individual" });
        inBatch.GetArrayLength().ShouldBe(3);
        inBatch[0].EnumerateObject().ShouldBeEmpty();
        inBatch[1].EnumerateObject().ShouldBeEmpty();
        inBatch[2].GetProperty("number")[0].GetString().ShouldBe("party with this number already exists.");

        var inStore = await Fails(ok, new { number = "TAKEN", party_type = "individual" });
        inStore[1].GetProperty("number")[0].GetString().ShouldBe("party with this number already exists.");

        var missing = await Fails(ok, new { party_type = "individual" });
        missing[1].GetProperty("number")[0].GetString().ShouldBe("This field is required.");

        var field = await Fails(ok, ok with { number = "OK-2" }, new { number = "X", party_type = "robot" });
        field.GetArrayLength().ShouldBe(3);
        field[2].GetProperty("party_type")[0].GetString().ShouldBe("\"robot\" is not a valid choice.");

        var subType = await Fails(ok, new { number = "ST", party_type = "individual", sub_type = "nope" });
        subType[1].GetProperty("sub_type")[0].GetString().ShouldBe("\"nope\" is not a valid choice.");

        var vendorName = await Fails(new { number = "V1", party_type = "organization", legal_name = "Same Name", role = "vendor" },
            new { number = "V2", party_type = "organization", legal_name = "same name", role = "vendor" });
        vendorName[1].TryGetProperty("legal_name", out _).ShouldBeTrue(vendorName.ToString());

        var takenName = await Fails(new { number = "V3", party_type = "organization", legal_name = "TAKEN LTD", role = "vendor" });
        takenName[0].TryGetProperty("legal_name", out _).ShouldBeTrue(takenName.ToString());
    }

    [Fact]
    public async Task bulk_body_errors_name_the_item_or_the_list()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var wrongType = await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Post, Bulk,
            "[{\"number\": \"1\", \"party_type\": \"individual\"}, {\"number\": 2, \"party_type\": \"individual\"}]", 400);
        wrongType[1].TryGetProperty("number", out _).ShouldBeTrue(wrongType.ToString());

        var nested = await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Patch, Bulk,
            "[{\"number\": \"1\", \"addresses\": [{\"is_default\": \"yes\"}]}]", 400);
        nested[0].TryGetProperty("addresses[0].is_default", out _).ShouldBeTrue(nested.ToString());

        var notAList = await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Post, Bulk, "{\"number\": \"1\"}", 400);
        notAList.TryGetProperty("non_field_errors", out _).ShouldBeTrue();

        var malformed = await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Put, Bulk, "[{\"number\": ", 400);
        malformed.ValueKind.ShouldBeOneOf(JsonValueKind.Array, JsonValueKind.Object);

        var nullItem = await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Post, Bulk,
            "[{\"number\": \"1\", \"party_type\": \"individual\"}, null]", 400);
        nullItem[1].GetProperty("non_field_errors")[0].GetString().ShouldBe("This field may not be null.");

        (await app.CountAsync(org)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task an_empty_list_writes_nothing_and_answers_an_empty_list()
    {
        var org = await Organizations.CreateAsync(app.Host);
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk, Array.Empty<object>(), 201)).GetArrayLength().ShouldBe(0);
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk, Array.Empty<object>(), 200)).GetArrayLength().ShouldBe(0);
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task bulk_put_finds_parties_by_number_and_replaces_every_writable_field()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await SeedAsync(org);

        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Put, Bulk, new object[]
        {
            new { number = "P2", party_type = "organization", legal_name = "Renamed Corp" },
            new { number = "P1", party_type = "individual", first_name = "Alicia" },
        }, 200);

        body.Strings("number").ShouldBe(["P2", "P1"]);
        body[0].GetProperty("legal_name").GetString().ShouldBe("Renamed Corp");
        body[0].GetProperty("version").GetInt32().ShouldBe(2);
        body[1].GetProperty("first_name").GetString().ShouldBe("Alicia");
        body[1].GetProperty("notes").ValueKind.ShouldBe(JsonValueKind.Null);
        body[1].GetProperty("mobile").ValueKind.ShouldBe(JsonValueKind.Null);
        body[1].GetProperty("addresses").GetArrayLength().ShouldBe(0);
        body[1].GetProperty("role").GetString().ShouldBe("customer");

        var p1 = await FindAsync(org, "P1");
        p1.GetProperty("notes").ValueKind.ShouldBe(JsonValueKind.Null);
        p1.GetProperty("addresses").GetArrayLength().ShouldBe(0);
        (await app.CountAsync(org)).Events.ShouldBe(4);
    }

    [Fact]
    public async Task bulk_patch_changes_only_the_fields_each_item_carries()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await SeedAsync(org);

        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk, new object[]
        {
            new { number = "P1", notes = "patched" },
            new { number = "P2", phones = new[] { new { phone_type = "work", phone = "02166017966" } } },
        }, 200);

        body[0].GetProperty("notes").GetString().ShouldBe("patched");
        body[0].GetProperty("first_name").GetString().ShouldBe("Alice");
        body[0].GetProperty("mobile").GetString().ShouldBe("09121001234");
        body[0].GetProperty("addresses").GetArrayLength().ShouldBe(1);
        body[1].GetProperty("phones")[0].GetProperty("phone").GetString().ShouldBe("02166017966");
        body[1].GetProperty("legal_name").GetString().ShouldBe("Example Corp");

        var p1 = await FindAsync(org, "P1");
        p1.GetProperty("notes").GetString().ShouldBe("patched");
        p1.GetProperty("addresses")[0].GetProperty("city").GetString().ShouldBe("تهران");
        p1.GetProperty("version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task bulk_patch_of_an_unchanged_item_writes_no_event_for_it()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await SeedAsync(org);
        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk, new object[]
        {
            new { number = "P1", notes = "VIP" },
            new { number = "P2", notes = "changed" },
        }, 200);
        body[0].GetProperty("version").GetInt32().ShouldBe(1);
        body[1].GetProperty("version").GetInt32().ShouldBe(2);
        (await app.CountAsync(org)).Events.ShouldBe(3);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task bulk_update_with_any_invalid_item_writes_nothing(string verb)
    {
        var method = HttpMethod.Parse(verb);
        var org = await Organizations.CreateAsync(app.Host);
        await SeedAsync(org);
        var before = await app.CountAsync(org);
        var valid = new { number = "P1", party_type = "individual", notes = "would change" };

        async Task<JsonElement> Fails(params object[] items)
        {
            var body = await app.Host.SendAsync(org.AdminKey, method, Bulk, items, 400);
            (await app.CountAsync(org)).ShouldBe(before);
            (await FindAsync(org, "P1")).GetProperty("notes").GetString().ShouldBe("VIP");
            return body;
        }

        (await Fails(valid, new { party_type = "individual" }))[1].GetProperty("number")[0].GetString().ShouldBe("This field is required.");
        (await Fails(valid, new { number = (string?)null, party_type = "individual" }))[1].GetProperty("number")[0].GetString()
            .ShouldBe("This field may not be null.");
        (await Fails(valid, new { number = "NOPE", party_type = "individual" }))[1].GetProperty("number")[0].GetString()
            .ShouldBe("No party with this number exists.");
        (await Fails(valid, valid))[1].GetProperty("number")[0].GetString().ShouldBe("This number appears more than once in the batch.");
        (await Fails(valid, new { number = "P2", party_type = "organization", mobile = "not a phone" }))[1]
            .GetProperty("mobile")[0].GetString().ShouldBe("Enter a valid phone number.");
        (await Fails(valid, new { number = "P2", party_type = "organization", sub_type = "unknown" }))[1]
            .TryGetProperty("sub_type", out _).ShouldBeTrue();
        (await Fails(valid, new { number = "P2", party_type = "organization", first_name = "Not for organizations" }))[1]
            .TryGetProperty("first_name", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task bulk_patch_can_take_a_vendor_name_another_item_gives_up()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.CreateAsync(org.AdminKey, new { number = "Q1", party_type = "organization", legal_name = "Old Name", role = "vendor" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "Q2", party_type = "organization", legal_name = "Other", role = "vendor" });

        var taken = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk, new object[]
        {
            new { number = "Q2", legal_name = "old name" },
        }, 400);
        taken[0].TryGetProperty("legal_name", out _).ShouldBeTrue();

        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk, new object[]
        {
            new { number = "Q1", legal_name = "New Name" },
            new { number = "Q2", legal_name = "Old Name 2" },
        }, 200);
        body.Strings("legal_name").ShouldBe(["New Name", "Old Name 2"]);
    }

    [Fact]
    public async Task bulk_patches_racing_single_patches_lose_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var items = Enumerable.Range(0, 20).Select(i => new { number = $"R{i:00}", party_type = "individual" }).ToArray();
        var created = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk, items, 201);
        var ids = created.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToArray();

        var bulk = Enumerable.Range(0, 4).Select(round => app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk,
            items.Select(i => new { i.number, notes = $"bulk {round}" }).ToArray(), 200));
        var single = ids.Select(id => app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/",
            new { mobile = "09121001234" }, 200));
        await Task.WhenAll(bulk.Concat(single));

        await using var session = app.Store.QuerySession(org.Id);
        var parties = await session.Query<Party>().ToListAsync();
        parties.ShouldAllBe(p => p.Data.Mobile == "09121001234" && p.Data.Notes!.StartsWith("bulk "));
        foreach (var id in ids)
        {
            var events = await session.Events.FetchStreamAsync(id);
            events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v));
        }
    }

    private const int BulkMax = 1000;

    private async Task SeedAsync(TestOrganization org)
    {
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk, new object[]
        {
            new
            {
                number = "P1", party_type = "individual", first_name = "Alice", notes = "VIP", mobile = "09121001234", role = "customer",
                addresses = new[] { new { address_type = "billing", city = "تهران", address = "خیابان آزادی، پلاک ۱", is_default = true } },
            },
            new { number = "P2", party_type = "organization", legal_name = "Example Corp" },
        }, 201);
    }

    private async Task<JsonElement> FindAsync(TestOrganization org, string number) =>
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?number={number}&include_inactive=true")).GetProperty("results")[0];
}
