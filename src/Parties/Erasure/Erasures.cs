using System.Collections.Immutable;
using JasperFx.Events;

namespace Parties.Erasure;

/// <summary>How the history, the change feed and the webhooks read an erasure and the events it masked.</summary>
public static class Erasures
{
    /// <summary>The event is an erasure, or one whose personal values an erasure masked.</summary>
    public static bool Marked(IEvent e) => e.Data is PartyErased || e.GetHeader(PersonalDataMasking.ErasedHeader) is not null;

    /// <summary>An erasure as changes: each field it emptied, without its values.</summary>
    public static ImmutableArray<FieldChange> Changes(PartyErased erased) => [.. erased.Fields.Select(f => new FieldChange(f, null, null))];

    /// <summary>A creation's changes; a masked creation still shows the personal fields it set, without their values.</summary>
    public static ImmutableArray<FieldChange> Registered(PartyRegistered registered)
    {
        var changes = PartyFields.Registered(registered.Data);
        var erased = (registered.ErasedFields ?? []).Where(f => changes.All(c => c.Field != f)).ToHashSet();
        if (erased.Count == 0) return changes;
        // In field order, as every other list of changes.
        return [.. PartyFields.All.Select(f => changes.FirstOrDefault(c => c.Field == f.Name)
            ?? (erased.Contains(f.Name) ? new FieldChange(f.Name, null, null) : null)).OfType<FieldChange>()];
    }

    /// <summary>The names of the fields <see cref="Registered"/> lists, in the same order, without serializing a value.</summary>
    public static string[] RegisteredFields(PartyRegistered registered)
    {
        var erased = registered.ErasedFields ?? [];
        return [.. PartyFields.All.Where(f => PartyFields.IsSetOnRegistration(f, registered.Data) || erased.Contains(f.Name)).Select(f => f.Name)];
    }
}
