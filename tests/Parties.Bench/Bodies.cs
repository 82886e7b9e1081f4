using System.Text.Json;

namespace Parties.Bench;

/// <summary>
/// Request bodies serialized once with "@@" where a unique suffix goes, so a request costs the client a string replace
/// only; the suffix is unique over the whole run (both stages), so no write is refused as a duplicate.
/// </summary>
public sealed class Bodies
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private long _sequence;

    public string Unique() => $"{_run}{Interlocked.Increment(ref _sequence):x}";

    public static string[] Templates(int count, Func<int, object> body) =>
        Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(body(i))).ToArray();

    public StringContent Body(string template) =>
        new(template.Replace("@@", Unique(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
}
