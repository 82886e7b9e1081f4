using Marten;
using Wolverine.Marten;

namespace Parties;

/// <summary>
/// Appends an event to a stream that must be at <see cref="Version"/> after it, as a returned side effect: a handler of
/// several streams (a bulk update) checks each one's version this way, since the aggregate workflow serves one stream.
/// </summary>
public sealed record AppendAtVersion(Guid StreamId, long Version, object Event) : IMartenOp
{
    public void Execute(IDocumentSession session) => session.Events.Append(StreamId, Version, Event);
}
