using Marten;
using JasperFx.Events;
using Wolverine.Marten;

namespace Parties;

/// <summary>Appends an event to a stream the handler loaded (and locked) itself, as a returned side effect.</summary>
public sealed record AppendToLockedStream(IEventStream<Party> Stream, object Event) : IMartenOp
{
    public void Execute(IDocumentSession session) => Stream.AppendOne(Event);
}
