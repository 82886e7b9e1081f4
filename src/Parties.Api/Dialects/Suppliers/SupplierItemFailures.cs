using Parties.Api.Errors;
using Parties.Idempotency;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// A batch item whose write threw. The batch is one transaction; when it fails, its items are written each on its own
/// (<see cref="WriteSuppliers"/>), so the other items are saved and the failing one did not commit: failing the whole
/// request would tell the client that nothing was saved and leave it no result for what was. The item answers failed
/// instead, with a text in Cin7's manner.
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

    /// <summary>The batch's one transaction failed and nothing of it was written; its items are tried each on its own next.</summary>
    public static void LogBatch(ILogger logger, Exception failure, int count) =>
        logger.LogWarning(failure, "Suppliers batch of {Count} items failed as one transaction; writing them each on its own", count);
}
