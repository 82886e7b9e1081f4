namespace Parties.Bench;

/// <summary>One workload's figures. Per request: statements (pg_stat_statements calls: Marten sends several statements in
/// one batch), round trips (counted at the wire, see <see cref="Parties.Testing.RoundTripProxy"/>: the request's own, and the mean
/// with the async daemon's work after it), commits, WAL bytes; CPU seconds of the
/// service and of PostgreSQL.</summary>
public sealed record WorkloadResult(
    string Name, string Service, int Concurrency, long Requests, long Failures, double Seconds, double RequestsPerSecond,
    int ItemsPerRequest, double P50Ms, double P99Ms, double P999Ms, double StatementsPerRequest, double CommitsPerRequest,
    double? WalBytesPerWrite, double ServiceCpuSeconds, double DatabaseCpuSeconds, long PeakRssBytes, double? RoundTripsPerRequest = null,
    double? RoundTripsWithBackground = null)
{
    public double ItemsPerSecond => RequestsPerSecond * ItemsPerRequest;

    /// <summary>Service CPU for each second of PostgreSQL CPU.</summary>
    public double CpuRatio => DatabaseCpuSeconds == 0 ? 0 : ServiceCpuSeconds / DatabaseCpuSeconds;
}

public sealed record Target(string Name, string Goal, string Measured, bool Met);

public sealed record BenchReport(
    DateTimeOffset At, string Machine, bool Quick, string[] PostgresSettings, BenchOptions Options, double LoadPartiesPerSecond,
    long ServicePeakRssBytes, IReadOnlyList<WorkloadResult> Workloads, IReadOnlyDictionary<string, double> Ratios,
    IReadOnlyList<Target> Targets, IReadOnlyList<Chart.Ratio> Chart, RssSplit? ServicePeakRssSplit = null);
