using Wolverine;

namespace Parties.Api.Dialects;

/// <summary>
/// Sends a command about one party to its handler. The empty Guid names no party, but Marten refuses it as a
/// stream id (the handler's FetchForWriting throws), so a client sending it got a 500 where any other unknown id
/// gets the dialect's not-found. It is answered here, before the bus, as the party not found, and nothing is written.
/// Every endpoint that writes a party named by the client (path or body) sends its command through this.
/// </summary>
public static class PartyCommands
{
    public static Task<PartyDecision> DecideAsync(this IMessageBus bus, string organizationId, object command,
        CancellationToken cancellation) =>
        command is UpdateParty { PartyId: var id } && id == Guid.Empty
            ? Task.FromResult(PartyDecision.NotFound)
            : bus.InvokeForTenantAsync<PartyDecision>(organizationId, command, cancellation);
}
