using System.Text.Json;

namespace Parties.Api.Tests.Reliability;

/// <summary>An identifier as a client may send it, aimed at nothing the caller has: the text, and how .NET reads it.</summary>
/// <param name="Text">As sent (unescaped; the request escapes it for the path or query).</param>
/// <param name="IsGuid">Guid.TryParse reads it (the routes' <c>guid</c> constraint, path and query ids).</param>
/// <param name="IsJsonGuid">System.Text.Json reads it as a Guid (a body's id: only the hyphenated form).</param>
public sealed record OddId(string Name, string Text)
{
    public bool IsGuid => Guid.TryParse(Text, out _);

    public bool IsJsonGuid
    {
        get
        {
            try
            {
                JsonSerializer.Deserialize<Guid>(JsonSerializer.Serialize(Text));
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }

    public override string ToString() => Name;
}

/// <summary>
/// The odd identifiers every id position is tried with: the empty Guid (which Marten refuses as a stream id), another
/// organization's id in every form .NET parses, one that never existed, malformed and over-long ones.
/// </summary>
public static class OddIdentifiers
{
    public const int OverLong = 10 * 1024;

    /// <param name="foreign">A real id of another organization, of the kind the position names.</param>
    public static OddId[] For(Guid foreign) =>
    [
        new("the empty Guid", Guid.Empty.ToString()),
        new("the empty Guid without hyphens", Guid.Empty.ToString("N")),
        new("the empty Guid in braces", Guid.Empty.ToString("B")),
        new("another organization's id", foreign.ToString()),
        new("another organization's id in upper case", foreign.ToString().ToUpperInvariant()),
        new("another organization's id in braces", foreign.ToString("B")),
        new("another organization's id in parentheses", foreign.ToString("P")),
        new("another organization's id without hyphens", foreign.ToString("N")),
        new("another organization's id as hex fields", foreign.ToString("X")),
        new("another organization's id between spaces", $" {foreign} "),
        new("an id that never existed", "0193e0a0-0000-7000-8000-00000000beef"),
        new("a malformed id", "abc"),
        new("a Guid with a non-hex digit", "00000000-0000-0000-0000-00000000000g"),
        new("a negative number", "-1"),
        new("an over-long id", new string('a', OverLong)),
        new("another organization's id with 10 KB after it", foreign + new string('0', OverLong)),
    ];
}
