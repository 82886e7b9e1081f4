using System.Net.Sockets;
using Npgsql;
using Parties;

namespace Parties.Api.Errors;

/// <summary>
/// Failures of the database that say "not now" rather than "never": PostgreSQL down, restarting, out of
/// connections, or a statement cut by its timeout. They answer 503 with Retry-After in the dialect's shape; the
/// same request is expected to succeed later, and nothing was written (the transaction did not commit).
/// </summary>
public static class TransientFailures
{
    public const int RetryAfterSeconds = 5;

    private static readonly HashSet<string> NotNowStates =
    [
        PostgresErrorCodes.AdminShutdown,          // 57P01: the server is shutting down (pg_ctl stop -m fast)
        PostgresErrorCodes.CrashShutdown,          // 57P02
        PostgresErrorCodes.CannotConnectNow,       // 57P03: the server is starting or in recovery
        PostgresErrorCodes.QueryCanceled,          // 57014: statement_timeout
        PostgresErrorCodes.LockNotAvailable,       // 55P03: lock_timeout
        PostgresErrorCodes.TooManyConnections,     // 53300
    ];

    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when NotNowStates.Contains(postgres.SqlState) || postgres.IsTransient:
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or TimeoutException or IOException }:
                case TimeoutException or SocketException or WriteConnectionLostException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }
        return false;
    }
}
