using Parties.Api.Errors;
using Parties.Idempotency;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// A batch item whose write threw. Each item is its own transaction, so the items before it are already committed:
/// failing the whole request would tell the client that nothing was saved and leave it no result for what was. The
/// item answers failed instead, with a text in Cin7's manner; its own transaction did not commit.
/// </summary>
public static class SupplierItemFailures
{
    public static readonly string Unavailable =
        $"Service temporarily unavailable. Retry in {TransientFailures.RetryAfterSeconds} seconds.";

    public const string Unexpected = "An unexpected error occurred.";

    public static string Text(Exception failure) => failure switch
    {
        IdempotencyKeyReusedException => IDialectErrors.KeyReusedMessage,
        _ when TransientFailures.IsTransient(failure) => Unavailable,
        _ => Unexpected,
    };

    /// <summary>The failure is answered, not thrown, so nothing else logs it.</summary>
    public static void Log(ILogger logger, Exception failure, int index)
    {
        if (failure is IdempotencyKeyReusedException || TransientFailures.IsTransient(failure))
            logger.LogWarning(failure, "Suppliers batch item {Index} failed", index);
        else
            logger.LogError(failure, "Suppliers batch item {Index} failed", index);
    }
}
