using System.Diagnostics;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.Http;
using CsCheck;
using Npgsql;
using Parties.Api.Dialects.Suppliers;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>
/// The property: whatever is sent to any endpoint of any dialect, the answer is never a 5xx; a refusal is in
/// the dialect's error shape and writes no event. Cases come from one CsCheck seed, in order, so a run is
/// replayed exactly: <c>PARTIES_PROPERTY_SEED=&lt;seed&gt;</c> (the run's, or a failing case's own to send only it,
/// with <c>PARTIES_PROPERTY_CASES=1</c>).
/// </summary>
public partial class hostile_input_is_refused_in_each_dialects_shape_and_writes_nothing(AppFixture app, ITestOutputHelper output)
    : IClassFixture<AppFixture>
{
    public const int DefaultCases = 3000;
    public static readonly string DefaultSeed = new PCG(8, 20261125).ToString();

    [Fact]
    public async Task thousands_of_generated_requests_get_no_5xx_and_every_refusal_is_in_shape_and_writes_no_event()
    {
        var seed = Environment.GetEnvironmentVariable("PARTIES_PROPERTY_SEED") is { Length: > 0 } given ? given : DefaultSeed;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("PARTIES_PROPERTY_CASES"), out var n) ? n : DefaultCases;
        output.WriteLine($"seed {seed}, {cases} cases (replay: PARTIES_PROPERTY_SEED={seed})");

        var targets = await TargetsAsync();
        var generator = HostileRequests.Any(targets);
        await using var database = new NpgsqlConnection(app.ConnectionString);
        await database.OpenAsync();
        var events = await EventsAsync(database);

        var pcg = PCG.Parse(seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases && failures.Count < 5; i++)
        {
            var caseSeed = pcg.ToString();
            var request = generator.Generate(pcg, null, out _);
            var (status, body) = await SendAsync(request);
            var now = await EventsAsync(database);
            var key = $"{request.Dialect} {status}";
            statuses[key] = statuses.GetValueOrDefault(key) + 1;

            var problem = Problem(request, status, body, now - events);
            events = now;
            if (problem is not null)
                failures.Add($"case {i} (PARTIES_PROPERTY_SEED={caseSeed} PARTIES_PROPERTY_CASES=1): {problem}\n  {request}\n  answered {status}: {Shorten(body)}");
        }
        clock.Stop();

        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s; answers: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    /// <summary>What is wrong with an answer, or null. A 2xx may write (a generated request can be valid); a refusal may not.</summary>
    private static string? Problem(HostileRequest request, int status, string body, long newEvents)
    {
        if (status >= 500) return $"a {status}";
        if (status is >= 400 and < 500)
        {
            if (DialectShapes.Error(request.Dialect, status, body, request.IsBulk) is { } shape) return $"not in the {request.Dialect} shape: {shape}";
            // An If-Match that names no version must not be answered with one the party is never at (it was "version -1").
            if (status == 412 && !VersionNamed().IsMatch(body)) return "a 412 that does not name the version the party is at";
            if (newEvents != 0) return $"refused with {status} but wrote {newEvents} events";
            return null;
        }
        if (request is { Dialect: "suppliers", IsWrite: true })
        {
            if (DialectShapes.SucceededSuppliers(body) is not { } succeeded) return "not a Suppliers batch answer";
            // A batch answers an item that threw in that item, not with a 500; it is a 500 all the same.
            if (FailedUnexpectedly(body)) return "an item failed unexpectedly (the item's own 500)";
            if (newEvents > succeeded) return $"{succeeded} suppliers saved but {newEvents} events written";
        }
        if (!request.IsWrite && newEvents != 0) return $"a read wrote {newEvents} events";
        return null;
    }

    private async Task<(int Status, string Body)> SendAsync(HostileRequest request)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/");
            s.ConfigureHttpContext(http =>
            {
                http.Request.Method = request.Method;
                http.Request.Path = PathString.FromUriComponent(request.Path);
                http.Request.QueryString = request.Query.Length > 0 ? QueryString.FromUriComponent(request.Query) : QueryString.Empty;
                if (request.Body is not null)
                {
                    http.Request.Body = new MemoryStream(request.Body);
                    http.Request.ContentLength = request.Body.Length;
                }
                if (request.ContentType is not null) http.Request.ContentType = request.ContentType;
                if (request.Authorization is not null) http.Request.Headers.Authorization = request.Authorization;
                if (request.IfMatch is not null) http.Request.Headers.IfMatch = request.IfMatch;
            });
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private static async Task<long> EventsAsync(NpgsqlConnection database)
    {
        await using var command = new NpgsqlCommand("select count(*) from parties.mt_events", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An organization with the reference data valid bodies name, and one party, vendor and supplier to aim at; and
    /// another organization's supplier, to aim at by mistake.</summary>
    private async Task<HostileTargets> TargetsAsync()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/color", new { type = "VARCHAR" });
        var party = await app.Host.CreateIdAsync(org.AdminKey,
            new { number = "TARGET-1", party_type = "individual", first_name = "Tara", last_name = "Get", role = "customer" });
        var vendor = await Vendors.CreateAsync(app.Host, org.AdminKey, "Target Vendor");
        var supplier = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Target Supplier"))).GetProperty("ID").GetGuid();
        var other = await Suppliers.OrganizationAsync(app.Host);
        var foreign = (await Suppliers.CreateOneAsync(app.Host, other, Suppliers.Valid("Foreign Supplier"))).GetProperty("ID").GetGuid();
        var mergeable = await app.Host.CreateIdAsync(org.AdminKey,
            new { number = "TARGET-2", party_type = "organization", legal_name = "Merge Target", role = "customer" });
        return new HostileTargets(org.AdminKey, org.ReadOnlyKey, party, vendor, supplier, foreign, mergeable);
    }

    private static bool FailedUnexpectedly(string body) =>
        DialectShapes.TryParse(body, out var json) && json.GetProperty("Suppliers").EnumerateArray()
            .Any(item => item.GetProperty("Errors").EnumerateArray()
                .Any(e => e.GetProperty("ErrorText").GetString() == SupplierItemFailures.Unexpected));

    [GeneratedRegex(@"the party is at version [1-9][0-9]*\.")]
    private static partial Regex VersionNamed();

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
