namespace Parties.Bench;

/// <summary>A database a workload's requests reach, on its cluster.</summary>
public sealed record SiteDatabase(BenchPostgres Cluster, string Name);

/// <summary>
/// Where a workload is served: the process that answers, and every database its requests reach (the single database;
/// or the master and the pool's databases), whose counters are summed and whose clusters' CPU is read.
/// </summary>
public sealed record Site(ServiceProcess Process, IReadOnlyList<SiteDatabase> Databases)
{
    public Site(ServiceProcess process, BenchPostgres cluster, string database) : this(process, [new SiteDatabase(cluster, database)]) { }

    public IReadOnlyList<BenchPostgres> Clusters => Databases.Select(d => d.Cluster).Distinct().ToList();

    /// <summary>The CPU seconds of every cluster the site's databases are on, so far.</summary>
    public double ClusterCpuSeconds() => Clusters.Sum(c => ProcStat.ClusterCpuSeconds(c.PostmasterPid));
}
