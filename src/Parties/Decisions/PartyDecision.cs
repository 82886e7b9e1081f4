using System.Collections.Immutable;

namespace Parties;

/// <summary>All or nothing (Parties, Suppliers, creates), or each field on its own (the Vendors PATCH).</summary>
public enum EditMode { AllOrNothing, PerField }

public enum EditStatus { Updated, Unchanged, Rejected }

/// <param name="Key">The edit's key, as the caller's dialect names the field.</param>
public sealed record EditOutcome(string Key, EditStatus Status, EditError? Error = null);

public enum DecisionStatus { Done, NotFound, VersionMismatch, Rejected, Denied, Gone }

/// <summary>What a write decided; kept under an Idempotency-Key so a repeat is answered the same.</summary>
public interface IWriteDecision
{
    /// <summary>The write took effect (a refusal is answered again only where the dialect says so).</summary>
    bool Succeeded { get; }
}

/// <summary>What a write decided: an outcome per edit, and the party as it is after the write.</summary>
/// <param name="MergedInto">When <see cref="Status"/> is <see cref="DecisionStatus.Gone"/>: the survivor the party was merged into.</param>
public sealed record PartyDecision(DecisionStatus Status, ImmutableArray<EditOutcome> Outcomes, PartySnapshot? Party,
    Guid? MergedInto = null) : IWriteDecision
{
    public static readonly PartyDecision NotFound = new(DecisionStatus.NotFound, [], null);
    public static readonly PartyDecision Denied = new(DecisionStatus.Denied, [], null);

    /// <summary>The party named was merged into <paramref name="survivor"/>: nothing is written to it.</summary>
    public static PartyDecision Gone(Guid survivor) => new(DecisionStatus.Gone, [], null, survivor);

    public static PartyDecision Refused(string key, EditError error) =>
        new(DecisionStatus.Rejected, [new EditOutcome(key, EditStatus.Rejected, error)], null);

    public bool Succeeded => Status == DecisionStatus.Done;

    public EditOutcome? FirstRejection => Outcomes.FirstOrDefault(o => o.Status == EditStatus.Rejected);
}

/// <summary>A party's values with its identity and version, as the dialects render it.</summary>
public sealed record PartySnapshot(Guid Id, int Version, PartyData Data, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public static PartySnapshot Of(Party party) => new(party.Id, party.Version, party.Data, party.CreatedAt, party.ModifiedAt);
}
