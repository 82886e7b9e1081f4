using System.Collections.Immutable;

namespace Parties;

/// <summary>What a batch of writes decided each on its own: one decision per item, in the command's order.</summary>
public sealed record ItemDecisions(ImmutableArray<PartyDecision> Items);
