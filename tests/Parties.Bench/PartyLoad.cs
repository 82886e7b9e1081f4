using System.Collections.Concurrent;
using System.Text.Json;

namespace Parties.Bench;

/// <summary>
/// Fills an organization through the service's own <c>POST /api/parties/bulk/</c> (1000 a request, several at a time),
/// keeping the ids it answers when asked: the parties (people) and the vendors (companies) the workloads then address.
/// </summary>
public sealed class PartyLoad(Bodies bodies, int concurrency)
{
    public ConcurrentBag<Guid> PartyIds { get; } = [];
    public ConcurrentBag<Guid> VendorIds { get; } = [];

    public async Task LoadAsync(HttpClient http, BenchOrganization org, int count, bool keepIds)
    {
        var fake = new FakeParties(org.Id.GetHashCode());
        var templates = Bodies.Templates(Math.Min(64, Math.Max(1, count / 1000)), _ =>
            Enumerable.Range(0, Math.Min(1000, count)).Select(j => fake.Party($"@@-{j}", vendor: j % 2 == 1)).ToArray());
        var batches = count / Math.Min(1000, count);
        var nextBatch = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (int b; (b = Interlocked.Increment(ref nextBatch)) < batches;)
            {
                using var response = await http.SendAsync(ServiceClient.Request(HttpMethod.Post, "/api/parties/bulk/", org.Key,
                    bodies.Body(templates[b % templates.Length])));
                await ServiceClient.EnsureAsync(response, "bulk load");
                if (!keepIds) continue;
                using var created = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                foreach (var party in created.RootElement.EnumerateArray())
                {
                    var id = party.GetProperty("id").GetGuid();
                    if (party.GetProperty("role").GetString() == "vendor") VendorIds.Add(id);
                    else PartyIds.Add(id);
                }
            }
        }));
    }
}
