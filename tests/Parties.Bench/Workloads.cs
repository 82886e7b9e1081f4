namespace Parties.Bench;

/// <summary>
/// The service's workloads as requests, one function each, driven by both stages of the run (single database and
/// sharded) so they measure the same code paths with the same bodies (generated once, from fixed seeds).
/// </summary>
public sealed class Workloads
{
    private readonly Bodies _bodies;

    public Workloads(Bodies bodies)
    {
        _bodies = bodies;
        var fakes = Enumerable.Range(0, 5).Select(i => new FakeParties(1000 + i)).ToArray();
        CreateBodies = Bodies.Templates(256, i => fakes[0].Party("@@", vendor: i % 2 == 1));
        PatchBodies = Bodies.Templates(256, _ => fakes[1].VendorPatch("@@"));
        BulkBodies = Bodies.Templates(8, _ => Enumerable.Range(0, 1000).Select(j => fakes[2].Party($"@@-{j}", vendor: j % 2 == 1)).ToArray());
        SupplierBodies = Bodies.Templates(8, _ => new { Suppliers = Enumerable.Range(0, 100).Select(j => fakes[3].Supplier($"@@-{j}")).ToArray() });
        Prefixes = Enumerable.Range(0, 64).Select(_ => fakes[4].LastName().ToLowerInvariant()[..3]).ToArray();
    }

    /// <summary>Single create's bodies (Parties dialect), half people and half companies: sent to the baseline too.</summary>
    public string[] CreateBodies { get; }

    /// <summary>The three-field PATCH (name, email, phone; Vendors dialect): sent to the baseline too.</summary>
    public string[] PatchBodies { get; }

    private string[] BulkBodies { get; }
    private string[] SupplierBodies { get; }
    private string[] Prefixes { get; }

    public Call Create(string key) => (http, w, n) =>
        SendAsync(http, HttpMethod.Post, "/api/parties/", key, _bodies.Body(CreateBodies[n % CreateBodies.Length]), 201);

    /// <summary>PATCH of three fields, each request a vendor written once before (the next of <paramref name="vendors"/>).</summary>
    public Call Patch(string key, Guid[] vendors)
    {
        long next = -1;
        return (http, w, n) => SendAsync(http, HttpMethod.Patch, $"/v1.0/vendor/{vendors[Interlocked.Increment(ref next) % vendors.Length]}", key,
            _bodies.Body(PatchBodies[n % PatchBodies.Length]), 200);
    }

    /// <summary>The same PATCH, worker w always on vendor w: a stream that grows.</summary>
    public Call PatchOwn(string key, Guid[] vendors) => (http, w, n) =>
        SendAsync(http, HttpMethod.Patch, $"/v1.0/vendor/{vendors[w]}", key, _bodies.Body(PatchBodies[n % PatchBodies.Length]), 200);

    public Call Bulk(string key) => (http, w, n) =>
        SendAsync(http, HttpMethod.Post, "/api/parties/bulk/", key, _bodies.Body(BulkBodies[n % BulkBodies.Length]), 201);

    /// <summary>Cin7's batch of 100 suppliers: 200 whatever the items' outcomes, so each item's status is read.</summary>
    public Call SuppliersBatch(BenchOrganization org) => async (http, w, n) =>
    {
        using var request = Suppliers(HttpMethod.Post, "/Suppliers", org);
        request.Content = _bodies.Body(SupplierBodies[n % SupplierBodies.Length]);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && !text.Contains("\"failed\"", StringComparison.Ordinal);
    };

    /// <summary>Cin7's list: suppliers whose name starts with the given text, a page of 100 and the total count.</summary>
    public Call PrefixList(BenchOrganization org) => async (http, w, n) =>
    {
        using var request = Suppliers(HttpMethod.Get, $"/Suppliers?name={Prefixes[n % Prefixes.Length]}&limit=100", org);
        using var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response.IsSuccessStatusCode;
    };

    public static Call Details(string key, Guid[] parties) => (http, w, n) =>
        SendAsync(http, HttpMethod.Get, $"/api/parties/{parties[Random.Shared.Next(parties.Length)]}/", key, null, 200);

    public static string PrefixListName(int parties) => $"list 100 by name prefix of {parties / 1000:N0}k";

    public static async Task<bool> SendAsync(HttpClient http, HttpMethod method, string url, string key, HttpContent? content, int status)
    {
        using var response = await http.SendAsync(ServiceClient.Request(method, url, key, content));
        await response.Content.LoadIntoBufferAsync();
        return (int)response.StatusCode == status;
    }

    private static HttpRequestMessage Suppliers(HttpMethod method, string url, BenchOrganization org)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("api-auth-accountid", org.AccountId.ToString());
        request.Headers.Add("api-auth-applicationkey", org.Key);
        return request;
    }
}
