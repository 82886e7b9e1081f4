using System.Collections.Immutable;
using System.Text.Json;

namespace Parties;

/// <summary>A party came into being with these values.</summary>
/// <param name="ErasedFields">The personal fields it was registered with, once an erasure has taken their values out
/// of <paramref name="Data"/>: the history still shows that they were set.</param>
/// <param name="Claims">The identifier fields whose values this write claims (<see cref="IdentifierClaims"/>); null for none.</param>
public sealed record PartyRegistered(Guid PartyId, PartyData Data, ImmutableArray<string>? ErasedFields = null,
    ImmutableArray<string>? Claims = null);

/// <summary>
/// A write changed fields of a party. Each change carries the value before and after, so the audit trail, the
/// change feed and time travel need no other source. The event's type says what the write meant.
/// </summary>
public abstract record PartyFieldsChanged(ImmutableArray<FieldChange> Changes)
{
    /// <summary>The identifier fields whose new values this write claims (<see cref="IdentifierClaims"/>); null for none.</summary>
    public ImmutableArray<string>? Claims { get; init; }
}

/// <summary>Fields of a party changed.</summary>
public sealed record PartyChanged(ImmutableArray<FieldChange> Changes) : PartyFieldsChanged(Changes);

/// <summary>The party was taken out of use (and whatever else the same write changed).</summary>
public sealed record PartyDeactivated(ImmutableArray<FieldChange> Changes) : PartyFieldsChanged(Changes);

/// <summary>The party was brought back into use (and whatever else the same write changed).</summary>
public sealed record PartyReactivated(ImmutableArray<FieldChange> Changes) : PartyFieldsChanged(Changes);

/// <summary>
/// A person's personal data was erased: the party's personal fields read empty from here on, and every earlier event of
/// its stream was masked in place. Who and when are the event's metadata, as for every write.
/// </summary>
/// <param name="Reason">Why, as the admin gave it.</param>
/// <param name="Fields">The personal fields that held a value, as <see cref="PartyFields"/> names them.</param>
/// <param name="CustomFields">The keys of the custom fields erased (those whose flex field was personal).</param>
public sealed record PartyErased(string Reason, ImmutableArray<string> Fields, ImmutableArray<string> CustomFields);

/// <summary>
/// Parties were merged into this one (the survivor): its fields took the values in <see cref="PartyFieldsChanged.Changes"/>,
/// and <see cref="Sources"/> says which absorbed party gave each field it changed.
/// </summary>
public sealed record PartyMerged(ImmutableArray<Guid> Absorbed, ImmutableArray<FieldSource> Sources, ImmutableArray<FieldChange> Changes)
    : PartyFieldsChanged(Changes);

/// <summary>This party was merged into <paramref name="SurvivorId"/>: its values stay as they were, its id now points there.</summary>
public sealed record PartyAbsorbed(Guid SurvivorId);

/// <summary>
/// A merge into this party was undone for <paramref name="Restored"/>: the values it gave were taken back (the changes), except
/// the fields changed since the merge, which were <paramref name="Kept"/>.
/// </summary>
public sealed record PartyUnmerged(Guid Restored, ImmutableArray<string> Kept, ImmutableArray<FieldChange> Changes)
    : PartyFieldsChanged(Changes);

/// <summary>This party, once merged into <paramref name="FormerSurvivorId"/>, is itself again, as it was at the merge.</summary>
public sealed record PartyRestored(Guid FormerSurvivorId);

/// <summary>In a merge, the absorbed party that gave a field (a collection field may have several).</summary>
public sealed record FieldSource(string Field, Guid PartyId);

/// <param name="Field">The party field's name, as in <see cref="PartyFields"/> (camelCase).</param>
/// <param name="Before">The value before the write; null when the write created the party.</param>
public sealed record FieldChange(string Field, JsonElement? Before, JsonElement? After);

public static class PartyEvents
{
    /// <summary>
    /// What a <see cref="PartyChanged"/> did to the active flag: streams written before <see cref="PartyDeactivated"/>
    /// and <see cref="PartyReactivated"/> existed recorded (de)activation so; readers take it as those events. Null when
    /// the flag did not change.
    /// </summary>
    public static bool? ActiveTurnedTo(PartyChanged changed) =>
        changed.Changes.FirstOrDefault(c => c.Field == PartyFields.ActiveName)?.After?.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

    /// <summary>The event that records a write from <paramref name="before"/> to <paramref name="after"/>; null when nothing changed.</summary>
    public static PartyFieldsChanged? Of(PartyData before, PartyData after, ImmutableArray<string>? claims = null)
    {
        var changes = PartyFields.Diff(before, after);
        if (changes.IsEmpty) return null;
        PartyFieldsChanged changed = (before.Active, after.Active) switch
        {
            (true, false) => new PartyDeactivated(changes),
            (false, true) => new PartyReactivated(changes),
            _ => new PartyChanged(changes),
        };
        return claims is null ? changed : changed with { Claims = claims };
    }
}
