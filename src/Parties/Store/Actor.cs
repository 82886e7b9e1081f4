using Marten;

namespace Parties;

/// <summary>Who asks for a write, through which key and dialect, within which request.</summary>
public sealed record Actor(string UserId, Guid ApiKeyId, string Dialect, string RequestId);

/// <summary>A command whose actor the <see cref="ActorMetadata"/> middleware stamps on the session Wolverine opens for it.</summary>
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

    public static void Before(IActorCommand command, IDocumentSession session) => Stamp(command.Actor, session);

    /// <summary>For a handler that opens its session itself (<see cref="CommitInLastBatch"/>).</summary>
    public static void Stamp(Actor actor, IDocumentSession session)
    {
        session.LastModifiedBy = actor.UserId;
        session.CorrelationId = actor.RequestId;
        session.SetHeader(ApiKeyHeader, actor.ApiKeyId.ToString());
        session.SetHeader(DialectHeader, actor.Dialect);
    }
}
