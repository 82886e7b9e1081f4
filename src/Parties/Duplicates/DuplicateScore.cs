using System.Collections.Immutable;

namespace Parties;

/// <summary>A party that may be the same as another, how likely (0..1), and why.</summary>
public sealed record DuplicateCandidate(Party Party, double Score, ImmutableArray<string> Reasons);

/// <summary>
/// How alike two parties are: each reason they share is evidence with its own weight, and the score is the chance that
/// at least one piece of evidence is right (1 − Π(1 − weight)), so more reasons score higher and the score stays under 1.
/// A shared identifier weighs most; a similar name weighs its similarity.
/// </summary>
public static class DuplicateScore
{
    private static readonly (DuplicateKey Key, double Weight)[] Weights =
    [
        (DuplicateKeys.NationalCode, 0.9), (DuplicateKeys.EconomicCode, 0.9), (DuplicateKeys.RegistrationNumber, 0.9),
        (DuplicateKeys.Mobile, 0.6), (DuplicateKeys.Email, 0.6),
    ];

    private const double NameWeight = 0.8;

    public static DuplicateCandidate? Of(Party party, Party other)
    {
        if (party.Id == other.Id) return null;
        var reasons = ImmutableArray.CreateBuilder<string>();
        var unlikely = 1.0;
        foreach (var (key, weight) in Weights)
        {
            if (key.Value(party) is not { Length: > 0 } value || value != key.Value(other)) continue;
            reasons.Add(key.Reason);
            unlikely *= 1 - weight;
        }
        var similarity = Trigrams.Similarity(party.NameKey, other.NameKey);
        if (similarity >= DuplicateKeys.NameThreshold)
        {
            reasons.Add(DuplicateKeys.SimilarName);
            unlikely *= 1 - NameWeight * similarity;
        }
        return reasons.Count == 0 ? null : new DuplicateCandidate(other, Math.Round(1 - unlikely, 4), reasons.ToImmutable());
    }
}
