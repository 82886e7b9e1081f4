using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Parties.Projections;
using Shouldly;

namespace Parties.Api.Tests.Duplicates;

public class merging_parties_keeps_every_id_answering(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Survivor(string number) => new
    {
        number, party_type = "organization", legal_name = $"Survivor {number}", role = "customer", notes = "survivor's notes",
        national_code = "1111111111",
        addresses = new[] { new { address_type = "billing", city = "Tehran", address = "1 Main", is_default = true } },
        phones = new[] { new { phone_type = "work", phone = "02100000001" } },
    };

    private static object Absorbed(string number) => new
    {
        number, party_type = "organization", legal_name = $"Absorbed {number}", role = "vendor", notes = "absorbed's notes",
        national_code = "2222222222", mobile = "09121234567",
        addresses = new[] { new { address_type = "billing", city = "Shiraz", address = "2 Side", is_default = true } },
        phones = new[] { new { phone_type = "work", phone = "02100000001" }, new { phone_type = "home", phone = "02100000002" } },
    };

    [Fact]
    public async Task a_merge_keeps_the_survivors_scalars_unless_preferred_and_unites_the_rest_in_one_write()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var survivor = await app.Host.CreateIdAsync(org.AdminKey, Survivor("M1"));
        var absorbed = await app.Host.CreateIdAsync(org.AdminKey, Absorbed("M2"));

        var merged = await app.Host.MergeAsync(org.BookkeeperKey, survivor,
            new { absorb = new[] { absorbed }, prefer = new Dictionary<string, Guid> { ["national_code"] = absorbed, ["mobile"] = absorbed } });

        merged.GetProperty("id").GetGuid().ShouldBe(survivor);
        merged.GetProperty("version").GetInt32().ShouldBe(2);
        merged.GetProperty("legal_name").GetString().ShouldBe("Survivor M1");
        merged.GetProperty("notes").GetString().ShouldBe("survivor's notes");
        merged.GetProperty("national_code").GetString().ShouldBe("2222222222");
        merged.GetProperty("mobile").GetString().ShouldBe("09121234567");
        merged.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["customer", "vendor"]);
        var addresses = merged.GetProperty("addresses").EnumerateArray().ToList();
        addresses.Select(a => a.GetProperty("city").GetString()).ShouldBe(["Tehran", "Shiraz"]);
        addresses.Select(a => a.GetProperty("is_default").GetBoolean()).ShouldBe([true, false]);
        merged.GetProperty("phones").GetArrayLength().ShouldBe(2);

        (await app.Store.EventTypesAsync(org, survivor)).ShouldBe([typeof(PartyRegistered), typeof(PartyMerged)]);
        (await app.Store.EventTypesAsync(org, absorbed)).ShouldBe([typeof(PartyRegistered), typeof(PartyAbsorbed)]);
        var history = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{survivor}/history/");
        var merge = history.GetProperty("results")[0];
        merge.GetProperty("action").GetString().ShouldBe("merge");
        var gave = merge.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "absorbed")
            .GetProperty("new")[0];
        gave.GetProperty("party").GetGuid().ShouldBe(absorbed);
        gave.GetProperty("fields").EnumerateArray().Select(f => f.GetString())
            .ShouldBe(["nationalCode", "mobile", "mobileE164", "roles", "addresses", "phones"], ignoreOrder: true);
    }

    [Fact]
    public async Task an_absorbed_id_answers_410_in_each_dialects_shape_but_its_history_and_its_past_still_answer()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var survivor = await Vendors.CreateAsync(app.Host, org.AdminKey, "Keeper Ltd");
        var absorbed = await Vendors.CreateAsync(app.Host, org.AdminKey, "Gone Ltd");
        await app.Host.MergeAsync(org.AdminKey, survivor, new { absorb = new[] { absorbed } });

        var parties = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{absorbed}/", 410);
        parties.GetProperty("merged_into").GetGuid().ShouldBe(survivor);
        parties.GetProperty("detail").GetString().ShouldBe($"This party was merged into {survivor}.");
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{absorbed}/", new { notes = "x" }, 410))
            .GetProperty("merged_into").GetGuid().ShouldBe(survivor);
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{absorbed}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(410); });

        var vendor = await Vendors.GetAsync(app.Host, org.ReadOnlyKey, $"/v1.0/vendor/{absorbed}", 410);
        vendor.ShouldBeJson($$$"""
            {"ok":false,"error":{"code":"VENDOR_MERGED","message":"Vendor was merged into {{{survivor}}}"},
             "mergedInto":{"id":"{{{survivor}}}","name":"Keeper Ltd"}}
            """);
        (await Vendors.PatchAsync(app.Host, org.AdminKey, absorbed, new { name = "Back Ltd" }, 410))
            .GetProperty("mergedInto").GetProperty("id").GetGuid().ShouldBe(survivor);

        var supplier = await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{absorbed}", 410);
        supplier.ShouldBeJson($$$"""[{"ErrorCode":410,"Exception":"Supplier was merged into {{{survivor}}}"}]""");
        var item = Suppliers.Valid("Gone Ltd");
        item["ID"] = absorbed;
        (await Suppliers.UpdateAsync(app.Host, org, item))[0].ErrorTexts().ShouldContain($"Supplier was merged into {survivor}");

        // What it was stays readable: its history, its audit trail, and time travel to before the merge.
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{absorbed}/history/")).GetProperty("count").GetInt32().ShouldBe(2);
        await Vendors.GetAsync(app.Host, org.ReadOnlyKey, $"/v1.0/vendor/{absorbed}/audit-trail");
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{absorbed}/?version=1")).GetProperty("legal_name").GetString()
            .ShouldBe("Gone Ltd");
        (await Vendors.GetAsync(app.Host, org.ReadOnlyKey, $"/v1.0/vendor/{absorbed}?version=1")).GetProperty("ok").GetBoolean().ShouldBeTrue();
        await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{absorbed}?version=1");
        await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{absorbed}/?version=2", 410);

        // Lists and searches no longer show it, inactive ones included.
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?include_inactive=true")).GetProperty("results")
            .Strings("id").ShouldBe([survivor.ToString()]);
        (await Vendors.GetAsync(app.Host, org.ReadOnlyKey, "/v1.0/vendors")).GetProperty("data").GetProperty("vendors")
            .EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ShouldBe([survivor]);
        (await Suppliers.GetAsync(app.Host, org, "/Suppliers?includeDeprecated=true")).GetProperty("Suppliers")
            .EnumerateArray().Select(v => v.GetProperty("ID").GetGuid()).ShouldBe([survivor]);
    }

    [Fact]
    public async Task a_bulk_item_naming_an_absorbed_party_is_an_item_error_naming_the_survivor_and_nothing_is_written()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var survivor = await app.Host.CreateIdAsync(org.AdminKey, Survivor("B1"));
        var absorbed = await app.Host.CreateIdAsync(org.AdminKey, Absorbed("B2"));
        await app.Host.MergeAsync(org.AdminKey, survivor, new { absorb = new[] { absorbed } });
        var before = await app.Store.EventCountAsync(org);

        var answer = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, "/api/parties/bulk/",
            new object[] { new { number = "B1", notes = "ok" }, new { number = "B2", notes = "lost?" } }, 400);

        answer[1].GetProperty("number")[0].GetString().ShouldBe($"Party B2 was merged into {survivor}.");
        (await app.Store.EventCountAsync(org)).ShouldBe(before);
    }

    [Fact]
    public async Task merges_that_cannot_be_are_refused_naming_what_is_wrong_and_write_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var other = await Organizations.CreateAsync(app.Host, "Other");
        var survivor = await app.Host.CreateIdAsync(org.AdminKey, Survivor("R1"));
        var absorbed = await app.Host.CreateIdAsync(org.AdminKey, Absorbed("R2"));
        var third = await app.Host.CreateIdAsync(org.AdminKey, Absorbed("R3"));
        var elsewhere = await app.Host.CreateIdAsync(other.AdminKey, Absorbed("R4"));
        var unknown = Guid.NewGuid();
        await app.Host.MergeAsync(org.AdminKey, third, new { absorb = new[] { absorbed } });
        var before = await app.Store.EventCountAsync(org);

        async Task Refused(Guid target, object body, string field, string message, int status = 400)
        {
            var answer = await app.Host.MergeAsync(org.AdminKey, target, body, status);
            answer.GetProperty(field)[0].GetString().ShouldBe(message);
        }
        await Refused(survivor, new { absorb = Array.Empty<Guid>() }, "absorb", "This list may not be empty.");
        await Refused(survivor, new { }, "absorb", "This field is required.");
        await Refused(survivor, new { absorb = new[] { survivor } }, "absorb", "A party cannot be merged into itself.");
        await Refused(survivor, new { absorb = new[] { unknown } }, "absorb", $"Invalid pk \"{unknown}\" - object does not exist.");
        await Refused(survivor, new { absorb = new[] { elsewhere } }, "absorb", $"Invalid pk \"{elsewhere}\" - object does not exist.");
        await Refused(survivor, new { absorb = new[] { absorbed } }, "absorb", $"Party {absorbed} was merged into {third}.");
        await Refused(survivor, new { absorb = new[] { third }, prefer = new { number = third } }, "prefer.number",
            "This field cannot be taken from another party.");
        await Refused(survivor, new { absorb = new[] { third }, prefer = new { notes = unknown } }, "prefer.notes",
            $"Party {unknown} is neither this party nor one of those absorbed.");
        await Refused(survivor, new { absorb = new[] { third }, prefer = new { first_name = third } }, "prefer.first_name",
            "This field is not allowed for organization parties.");
        await Refused(survivor, new { absorb = "nope" }, "absorb", "Invalid value type.");

        (await app.Host.MergeAsync(org.AdminKey, unknown, new { absorb = new[] { third } }, 404)).GetProperty("detail").GetString()
            .ShouldBe("Not found.");
        (await app.Host.MergeAsync(org.AdminKey, elsewhere, new { absorb = new[] { third } }, 404)).GetProperty("detail").GetString()
            .ShouldBe("Not found.");
        (await app.Host.MergeAsync(org.AdminKey, absorbed, new { absorb = new[] { survivor } }, 410)).GetProperty("merged_into").GetGuid()
            .ShouldBe(third);
        (await app.Host.MergeAsync(org.AdminKey, survivor, new { absorb = new[] { third } }, 412, ifMatch: "\"7\"")).GetProperty("detail")
            .GetString().ShouldBe("Precondition failed: the party is at version 1.");
        await app.Host.MergeAsync(org.MemberKey, survivor, new { absorb = new[] { third } }, 403);
        await app.Host.MergeAsync(org.ReadOnlyKey, survivor, new { absorb = new[] { third } }, 403);

        (await app.Store.EventCountAsync(org)).ShouldBe(before);
        await app.Host.MergeAsync(org.AdminKey, survivor, new { absorb = new[] { third } }, ifMatch: "\"1\"");
    }

    [Fact]
    public async Task an_unmerge_restores_the_party_and_takes_back_what_it_gave_except_what_changed_since()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var survivor = await app.Host.CreateIdAsync(org.AdminKey, Survivor("U1"));
        var absorbed = await app.Host.CreateIdAsync(org.AdminKey, Absorbed("U2"));
        await app.Host.MergeAsync(org.AdminKey, survivor,
            new { absorb = new[] { absorbed }, prefer = new Dictionary<string, Guid> { ["national_code"] = absorbed, ["notes"] = absorbed } });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{survivor}/", new { notes = "changed after the merge" }, 200);

        var answer = await app.Host.UnmergeAsync(org.BookkeeperKey, survivor, absorbed);

        answer.GetProperty("kept").EnumerateArray().Select(k => k.GetString()).ShouldBe(["notes"]);
        var back = answer.GetProperty("survivor");
        back.GetProperty("national_code").GetString().ShouldBe("1111111111");
        back.GetProperty("notes").GetString().ShouldBe("changed after the merge");
        back.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["customer"]);
        back.GetProperty("addresses").GetArrayLength().ShouldBe(1);
        back.GetProperty("phones").GetArrayLength().ShouldBe(1);
        back.GetProperty("mobile").ValueKind.ShouldBe(JsonValueKind.Null);
        var restored = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{absorbed}/");
        restored.GetProperty("legal_name").GetString().ShouldBe("Absorbed U2");
        restored.GetProperty("version").GetInt32().ShouldBe(3);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/")).GetProperty("count").GetInt32().ShouldBe(2);

        (await app.Store.EventTypesAsync(org, survivor)).ShouldBe(
            [typeof(PartyRegistered), typeof(PartyMerged), typeof(PartyChanged), typeof(PartyUnmerged)]);
        (await app.Store.EventTypesAsync(org, absorbed)).ShouldBe([typeof(PartyRegistered), typeof(PartyAbsorbed), typeof(PartyRestored)]);
        (await app.Store.TrailAsync(org.Id, absorbed)).Select(e => e.Action).ShouldBe([AuditAction.Create, AuditAction.Merge, AuditAction.Unmerge]);

        // Undone once: a second unmerge, or one naming a party never merged here, is refused.
        (await app.Host.UnmergeAsync(org.AdminKey, survivor, absorbed, 400)).GetProperty("restore")[0].GetString()
            .ShouldBe($"Party {absorbed} was not merged into this party.");
        await app.Host.UnmergeAsync(org.MemberKey, survivor, absorbed, 403);
    }

    [Fact]
    public async Task the_audit_the_change_feed_and_its_csv_show_merges_as_their_own_type()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var survivor = await app.Host.CreateIdAsync(org.AdminKey, Survivor("A1"));
        var absorbed = await app.Host.CreateIdAsync(org.AdminKey, Absorbed("A2"));
        await app.Host.MergeAsync(org.AdminKey, survivor, new { absorb = new[] { absorbed } });
        await app.Host.UnmergeAsync(org.AdminKey, survivor, absorbed);

        var audit = await app.Host.GetJsonAsync(org.AdminKey, "/api/audit/");
        audit.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .ShouldBe(["unmerge", "unmerge", "merge", "merge", "create", "create"]);
        var feed = await app.Host.GetJsonAsync(org.AdminKey, "/api/changes/");
        feed.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Skip(2)
            .ShouldBe(["party_merged", "party_absorbed", "party_unmerged", "party_restored"]);
        var absorbedChange = feed.GetProperty("results")[3].GetProperty("changes")[0];
        absorbedChange.GetProperty("field").GetString().ShouldBe("merged_into");
        absorbedChange.GetProperty("new").GetGuid().ShouldBe(survivor);
        var csv = await app.Host.Scenario(s => { s.Get.Url("/api/audit/?format=csv"); s.WithApiKey(org.AdminKey); });
        var text = await csv.ReadAsTextAsync();
        text.ShouldContain(",merge,");
        text.ShouldContain(",unmerge,");
    }
}
