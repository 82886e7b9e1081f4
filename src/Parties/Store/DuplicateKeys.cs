using Marten;

namespace Parties;

/// <summary>A value two parties may share that makes them likely the same: the reason's name and its SQL expression.</summary>
/// <param name="Expression">Over the snapshot's JSON (column <c>data</c>) or a column of its own, exactly as its index is
/// written, so a query on it uses the index.</param>
public sealed record DuplicateKey(string Reason, string Expression, Func<Party, string?> Value);

/// <summary>
/// The exact keys duplicates are found by (identifiers, the mobile in E.164, the email case-insensitively, the normalized
/// name), each with a b-tree index on its expression; names are also compared by trigram similarity on the search index
/// (<see cref="PartySearchIndex"/>).
/// </summary>
public static class DuplicateKeys
{
    public const string SimilarName = "similar_name", SameName = "same_name";

    /// <summary>pg_trgm's default threshold of its <c>%</c> operator: names at least this similar are candidates.</summary>
    public const double NameThreshold = 0.3;

    public const string NameExpression = PartyColumns.NameKey;

    public static readonly DuplicateKey NationalCode =
        new("same_national_code", "(data -> 'data' ->> 'nationalCode')", p => p.Data.NationalCode);
    public static readonly DuplicateKey EconomicCode =
        new("same_economic_code", "(data -> 'data' ->> 'economicCode')", p => p.Data.EconomicCode);
    public static readonly DuplicateKey RegistrationNumber =
        new("same_registration_number", "(data -> 'data' ->> 'registrationNumber')", p => p.Data.RegistrationNumber);
    public static readonly DuplicateKey Mobile = new("same_mobile", "(data -> 'data' ->> 'mobileE164')", p => p.Data.MobileE164);
    public static readonly DuplicateKey Email =
        new("same_email", "lower((data -> 'data' ->> 'email'))", p => p.Data.Email?.Trim().ToLowerInvariant());
    public static readonly DuplicateKey Name = new(SameName, NameExpression, p => p.NameKey);

    /// <summary>The identifiers, which uniqueness (when the organization asks for it) also holds to.</summary>
    public static readonly DuplicateKey[] Identifiers = [NationalCode, EconomicCode, RegistrationNumber];

    /// <summary>Every exact key of the organization-wide groups, the name last.</summary>
    public static readonly DuplicateKey[] All = [.. Identifiers, Mobile, Email, Name];

    public static void Configure(StoreOptions opts)
    {
        // The name has its indexes already (Party.NameKey); each other key gets one on its exact expression. Not partial
        // (IS NOT NULL), though a person has no economic code: PostgreSQL takes no statistics from a partial index's
        // expression, and without them it guessed half the table for a batch's "= ANY" of 100 values and scanned it.
        foreach (var key in All.Where(k => k != Name))
            opts.Schema.For<Party>().Index(x => x.NameKey!, index =>
            {
                index.Name = $"mt_doc_party_idx_dup_{key.Reason["same_".Length..]}";
                index.Mask = key.Expression;
            });
    }
}
