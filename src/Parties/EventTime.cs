using JasperFx.Events;

namespace Parties;

/// <summary>
/// An event's time as the events table keeps it. Marten stamps events with the .NET clock (100 ns ticks) and
/// inline projections see that value, while PostgreSQL stores microseconds: a rebuild or a live aggregation
/// reads the stored value back. Read models take the stored precision so that rebuilding them changes nothing.
/// </summary>
public static class EventTime
{
    public static DateTimeOffset Of(IEvent e) =>
        new(e.Timestamp.UtcTicks - e.Timestamp.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
}
