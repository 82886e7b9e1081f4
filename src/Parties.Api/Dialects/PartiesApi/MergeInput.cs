namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The body of <c>POST /api/parties/{survivor}/merge/</c>.</summary>
/// <param name="Absorb">The parties merged into the survivor.</param>
/// <param name="Prefer">Field (as the history names it, e.g. <c>email</c>) → the party whose value the survivor takes.</param>
public sealed record MergeInput(Guid[]? Absorb, Dictionary<string, Guid>? Prefer);

/// <summary>The body of <c>POST /api/parties/{survivor}/unmerge/</c>.</summary>
public sealed record UnmergeInput(Guid? Restore);

/// <summary>The answer to an unmerge: both parties as they are now, and the fields the survivor kept because they
/// changed after the merge.</summary>
public sealed record UnmergeOutput(PartyResource Survivor, PartyResource Restored, IReadOnlyList<string> Kept);
