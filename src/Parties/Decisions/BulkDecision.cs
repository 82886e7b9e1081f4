using System.Collections.Immutable;

namespace Parties;

/// <summary>What an atomic bulk write decided: every party as written, or the first item that failed (and nothing written).</summary>
public sealed record BulkDecision(ImmutableArray<PartySnapshot> Parties, BulkFailure? Failure) : IWriteDecision
{
    public bool Succeeded => Failure is null;

    public static BulkDecision Failed(int index, string key, EditError error) => new([], new BulkFailure(index, key, error));
}

/// <param name="Index">The item's position in the batch, from 0.</param>
/// <param name="Key">The field, as the caller's dialect names it.</param>
public sealed record BulkFailure(int Index, string Key, EditError Error);
