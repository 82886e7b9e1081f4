using System.Text;

namespace Parties.Bench;

/// <summary>
/// The plans PostgreSQL chose for a workload's own statements, as the service sent them (auto_explain with ANALYZE and
/// BUFFERS, switched on for a few requests only): EXPLAIN ANALYZE over the loaded data without rewriting any SQL here.
/// </summary>
public static partial class Plans
{
    public static async Task<string> CaptureAsync(BenchPostgres postgres, Func<Task> request, int statements = 1, int requests = 6)
    {
        await SetAsync(postgres, "ALTER SYSTEM SET auto_explain.log_min_duration = 0", "ALTER SYSTEM SET auto_explain.log_analyze = on",
            "ALTER SYSTEM SET auto_explain.log_buffers = on");
        var start = new FileInfo(postgres.LogPath).Length;
        try
        {
            // A backend reads a reloaded setting before its next command, so the first requests on each pooled connection
            // may go unexplained: several are sent.
            for (var i = 0; i < requests; i++) await request();
        }
        finally
        {
            await SetAsync(postgres, "ALTER SYSTEM RESET auto_explain.log_min_duration", "ALTER SYSTEM RESET auto_explain.log_analyze",
                "ALTER SYSTEM RESET auto_explain.log_buffers");
        }
        return LastPlans(Read(postgres.LogPath, start), statements);
    }

    private static async Task SetAsync(BenchPostgres postgres, params string[] statements)
    {
        foreach (var statement in statements) await postgres.ExecuteAsync("postgres", statement);
        await postgres.ExecuteAsync("postgres", "SELECT pg_reload_conf()");
        await Task.Delay(300);
    }

    private static string Read(string path, long from)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The last logged plans of statements that read the parties or events tables: the last request's own
    /// statements when <paramref name="statements"/> is how many such statements a request runs.</summary>
    private static string LastPlans(string log, int statements)
    {
        var plans = log.Split("LOG:  duration:", StringSplitOptions.None).Skip(1)
            .Where(p => p.Contains("mt_doc_party", StringComparison.Ordinal) || p.Contains("mt_events", StringComparison.Ordinal))
            .Select(p => "duration:" + string.Join('\n', p.Split('\n').TakeWhile(l => !LogLine().IsMatch(l))).TrimEnd())
            .ToList();
        return plans.Count == 0 ? "(no plan logged)" : string.Join("\n\n", plans.TakeLast(statements));
    }

    // The start of the next log entry (log_line_prefix begins with the time).
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d\d-\d\d ")]
    private static partial System.Text.RegularExpressions.Regex LogLine();
}
