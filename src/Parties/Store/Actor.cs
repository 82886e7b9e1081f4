using Marten;

namespace Parties;

/// <summary>Who asks for a write, through which key and dialect, within which request.</summary>
public sealed record Actor(string UserId, Guid ApiKeyId, string Dialect, string RequestId);

public interface IActorCommand
{
    Actor Actor { get; }
}

/// <summary>
/// Wolverine middleware: stamps the actor onto the Marten session before the handler runs, so every
/// event appended carries it in Marten's own event metadata (user name, correlation id, headers).
/// </summary>
public static class ActorMetadata
{
    public const string ApiKeyHeader = "apiKeyId";
    public const string DialectHeader = "dialect";

    public static void Before(IActorCommand command, IDocumentSession session)
    {
        session.LastModifiedBy = command.Actor.UserId;
        session.CorrelationId = command.Actor.RequestId;
        session.SetHeader(ApiKeyHeader, command.Actor.ApiKeyId.ToString());
        session.SetHeader(DialectHeader, command.Actor.Dialect);
    }
}
