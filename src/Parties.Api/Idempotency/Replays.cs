using Parties.Idempotency;

namespace Parties.Api.Idempotency;

public static class Replays
{
    /// <summary>
    /// A write endpoint's answer: the earlier decision under the request's Idempotency-Key rendered again, or the
    /// endpoint's own work. Rendering goes through the same mapping either way, so a replay answers as the first did.
    /// </summary>
    public static async Task<IResult> ReplayOr<TDecision>(this HttpContext http, Func<TDecision, IResult> render, Func<Task<IResult>> write)
        where TDecision : class, IWriteDecision =>
        http.Idempotency()?.Earlier<TDecision>() is { } earlier ? render(earlier) : await write();

    /// <summary>The request's key for the command to carry, so its handler keeps the decision under it.</summary>
    public static IdempotentWrite? IdempotentWrite(this HttpContext http) => http.Idempotency()?.Write;
}
