using System.Collections.Immutable;
using System.Text.Json;

namespace Parties;

/// <summary>A party came into being with these values.</summary>
public sealed record PartyRegistered(Guid PartyId, PartyData Data);

/// <summary>
/// Fields of a party changed. Each change carries the value before and after, so the audit trail, the
/// change feed and time travel need no other source.
/// </summary>
public sealed record PartyChanged(ImmutableArray<FieldChange> Changes);

/// <param name="Field">The party field's name, as in <see cref="PartyFields"/> (camelCase).</param>
public sealed record FieldChange(string Field, JsonElement? Before, JsonElement? After);
