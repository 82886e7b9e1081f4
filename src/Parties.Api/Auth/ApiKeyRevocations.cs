using Npgsql;
using Parties.Api.Hosting;

namespace Parties.Api.Auth;

/// <summary>
/// Hears API key revocations from PostgreSQL (<c>LISTEN</c>; the revoking transaction sends <c>NOTIFY</c> as it commits)
/// and drops the key from this replica's <see cref="ApiKeyCache"/>. On a lost connection the cache is turned off until
/// it listens again, so a revocation is never missed: at worst keys are read from the database for a while.
/// </summary>
public sealed class ApiKeyRevocations(ApiKeyCache cache, IConfiguration configuration, ILogger<ApiKeyRevocations> logger)
    : BackgroundService
{
    public const string Channel = "parties_api_key_revoked";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(DatabaseConnection.From(configuration))
        {
            Pooling = false, KeepAlive = 10, CommandTimeout = 0,
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => { if (Guid.TryParse(e.Payload, out var id)) cache.Revoked(id); };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.Listening(true);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                cache.Listening(false);
                logger.LogWarning(e, "Listening for API key revocations failed; keys are read per request until it listens again");
                await Task.Delay(RetryAfter, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        cache.Listening(false);
    }
}
