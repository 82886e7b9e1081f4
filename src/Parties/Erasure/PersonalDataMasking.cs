using Marten;

namespace Parties.Erasure;

/// <summary>
/// Rewrites a person's stored events in place with Marten's own event data masking: its masking rules (registered
/// with the store) take the personal values out of each event, and the events it rewrites get the
/// <see cref="ErasedHeader"/>, which the history reads as "this entry's personal values were erased". Which values are
/// personal depends on the party and its organization, so the rules read the plan of the erasure under way.
/// </summary>
public static class PersonalDataMasking
{
    public const string ErasedHeader = "erased";

    private static readonly AsyncLocal<ErasurePlan?> PlanUnderWay = new();

    public static void Configure(StoreOptions opts)
    {
        opts.Events.AddMaskingRuleForProtectedInformation<PartyRegistered>(e => (PartyRegistered)Plan().Mask(e));
        // Marten finds a rule by the event's own type.
        opts.Events.AddMaskingRuleForProtectedInformation<PartyChanged>(e => (PartyChanged)Plan().Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<PartyDeactivated>(e => (PartyDeactivated)Plan().Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<PartyReactivated>(e => (PartyReactivated)Plan().Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<PartyMerged>(e => (PartyMerged)Plan().Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<PartyUnmerged>(e => (PartyUnmerged)Plan().Mask(e));
    }

    /// <summary>Masks the events of <paramref name="streams"/> that hold personal values, in one transaction of its own;
    /// answers how many were rewritten. Events already without personal values are left as they are, so running it
    /// again (a retried erasure) rewrites only what is left.</summary>
    public static async Task<int> ApplyAsync(IDocumentStore store, string tenantId, ErasurePlan plan,
        IReadOnlyCollection<StreamToMask> streams, CancellationToken cancellation)
    {
        var holding = new HashSet<long>();
        await using (var session = store.QuerySession(tenantId))
        {
            foreach (var stream in streams)
            {
                var events = await session.Events.FetchStreamAsync(stream.StreamId, token: cancellation);
                holding.UnionWith(events.Where(e => e.Version < stream.Version && plan.Holds(e.Data)).Select(e => e.Sequence));
            }
        }
        if (holding.Count == 0) return 0;

        PlanUnderWay.Value = plan;
        await store.Advanced.ApplyEventDataMasking(masking =>
        {
            masking.ForTenant(tenantId).AddHeader(ErasedHeader, true);
            foreach (var stream in streams) masking.IncludeStream(stream.StreamId, e => holding.Contains(e.Sequence));
        }, cancellation);
        return holding.Count;
    }

    private static ErasurePlan Plan() => PlanUnderWay.Value ??
        throw new InvalidOperationException("Events are masked by an erasure only: it says which of the party's fields are personal.");
}
