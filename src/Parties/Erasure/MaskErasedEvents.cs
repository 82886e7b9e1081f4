using System.Collections.Immutable;
using Marten;
using Wolverine;

namespace Parties.Erasure;

/// <summary>
/// The erasure's second step once more, a while later. The erasing request masks the events itself, after the erasure
/// commits; should it die in between, this durable message, committed with the erasure, finishes the masking. Masking
/// again finds nothing left to mask when the request did it.
/// </summary>
public sealed record MaskErasedEvents(PartyType PartyType, ImmutableArray<string> CustomFields, ImmutableArray<StreamToMask> Streams)
{
    public ErasurePlan Plan => ErasurePlan.For(PartyType, CustomFields);
}

/// <param name="MaskAgainAfter">How long after an erasure its masking is run once more.</param>
public sealed record ErasureOptions(TimeSpan MaskAgainAfter);

public static class MaskErasedEventsHandler
{
    public static Task Handle(MaskErasedEvents message, Envelope envelope, IDocumentStore store, CancellationToken cancellation) =>
        PersonalDataMasking.ApplyAsync(store, envelope.TenantId!, message.Plan, message.Streams, cancellation);
}
