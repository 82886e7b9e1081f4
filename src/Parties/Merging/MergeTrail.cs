using System.Collections.Immutable;
using System.Text.Json;

namespace Parties;

/// <summary>
/// A merge or unmerge event as the history, the audit, the change feed and the webhooks show it: the fields it changed,
/// followed by entries that are no party field and say what happened (who was absorbed and which fields each gave, where
/// an absorbed party went, who was restored and what the survivor kept).
/// </summary>
public static class MergeTrail
{
    public const string AbsorbedField = "absorbed", MergedIntoField = "mergedInto", RestoredField = "restored", KeptField = "kept";

    public static ImmutableArray<FieldChange> Changes(object e) => e switch
    {
        PartyMerged merged => merged.Changes.Add(Added(AbsorbedField, merged.Absorbed.Select(id => new AbsorbedParty(id,
            [.. merged.Sources.Where(s => s.PartyId == id).Select(s => s.Field)])))),
        PartyUnmerged unmerged => unmerged.Kept.IsEmpty
            ? unmerged.Changes.Add(Added(RestoredField, unmerged.Restored))
            : unmerged.Changes.Add(Added(RestoredField, unmerged.Restored)).Add(Added(KeptField, unmerged.Kept)),
        PartyAbsorbed absorbed => [Added(MergedIntoField, absorbed.SurvivorId)],
        PartyRestored restored => [new FieldChange(MergedIntoField, Json(restored.FormerSurvivorId), null)],
        _ => [],
    };

    private static FieldChange Added<T>(string field, T value) => new(field, null, Json(value));

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, DomainJson.Options);

    /// <param name="Fields">The fields this party gave the survivor.</param>
    private sealed record AbsorbedParty(Guid Party, ImmutableArray<string> Fields);
}
