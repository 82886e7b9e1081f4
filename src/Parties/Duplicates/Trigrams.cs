using System.Text;

namespace Parties;

/// <summary>
/// pg_trgm's similarity, computed the same way in the domain so a candidate's score needs no second query: each word
/// (letters and digits) lower-cased and padded with two spaces before and one after, its three-character pieces as a
/// set; similarity is the shared pieces over all pieces.
/// </summary>
public static class Trigrams
{
    public static double Similarity(string? a, string? b)
    {
        var left = Of(a);
        var right = Of(b);
        if (left.Count == 0 || right.Count == 0) return 0;
        var shared = left.Count(right.Contains);
        return (double)shared / (left.Count + right.Count - shared);
    }

    /// <summary>The words pg_trgm reads in a text: its runs of letters and digits, lower-cased.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var word = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }
            if (word.Length == 0) continue;
            yield return word.ToString();
            word.Clear();
        }
    }

    private static HashSet<string> Of(string? text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            var padded = $"  {word} ";
            for (var i = 0; i + 3 <= padded.Length; i++) set.Add(padded.Substring(i, 3));
        }
        return set;
    }
}
