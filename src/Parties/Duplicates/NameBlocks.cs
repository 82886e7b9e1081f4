namespace Parties;

/// <summary>
/// Which parties a name is compared with by trigram similarity: those whose name contains one of its distinctive words.
/// pg_trgm's <c>%</c> alone reads the trigram index's posting lists of every trigram of the name over all parties
/// (174 ms at 1,000,000 parties); a word's <c>LIKE '%word%'</c> on the same index reads only its rarest trigram's list
/// and finds a few thousand parties at most, which the similarity then filters. Words shorter than four characters, the
/// words of company forms and words with a digit (numbers and codes, which <c>LIKE</c> finds inside any longer one) are
/// not distinctive: each would bring a large share of all parties, nearly none similar.
/// </summary>
public static class NameBlocks
{
    private const int DistinctiveLength = 4;

    /// <summary>Words a company name is full of (English and Persian legal forms and trades).</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "and", "the", "of", "co", "inc", "llc", "ltd", "plc", "corp", "sons", "group", "company", "companies", "corporation",
        "limited", "holding", "holdings", "trading", "international", "industries", "industry", "services", "solutions",
        "enterprises", "partners", "associates", "global", "systems",
        "شرکت", "گروه", "سهامی", "خاص", "عام", "مسئولیت", "محدود", "بازرگانی", "تجارت", "تجاری", "صنایع", "صنعتی", "خدمات",
        "تولیدی", "مهندسی", "بین", "الملل", "و",
    };

    /// <summary>The <c>LIKE</c> patterns of the name's distinctive words (of three characters when it has none longer);
    /// none when its every word is generic or shorter.</summary>
    public static string[] Patterns(string? nameKey)
    {
        var words = Trigrams.Words(nameKey).Where(w => !Generic.Contains(w) && !w.Any(char.IsDigit)).Distinct().ToList();
        var distinctive = words.Where(w => w.Length >= DistinctiveLength).ToList();
        if (distinctive.Count == 0) distinctive = [.. words.Where(w => w.Length == DistinctiveLength - 1)];
        return [.. distinctive.Select(w => $"%{w}%")];
    }
}
