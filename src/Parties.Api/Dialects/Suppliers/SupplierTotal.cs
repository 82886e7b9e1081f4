using System.Text.Json;
using Marten;
using Marten.Linq;
using Npgsql;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// The list's <c>Total</c>, at a cost that does not grow with the number of matches: counted exactly up to
/// <see cref="ExactUpTo"/> suppliers (a count over at most that many matching rows), or <see cref="ExactFromIndexUpTo"/>
/// when the count reads the index alone, and above that PostgreSQL's own estimate of the matching rows (its planner
/// statistics; never less than the exact part). A name prefix that matches tens of thousands of suppliers used to make
/// every page read and sort all of them to count them.
/// </summary>
public static class SupplierTotal
{
    /// <summary>Each counted row a visit to its document.</summary>
    public const int ExactUpTo = 1000;

    /// <summary>Each counted row an index entry (about half a microsecond): the planner's estimate for a name prefix is a
    /// row or two, so a larger exact part is what makes the total of a common prefix right.</summary>
    public const int ExactFromIndexUpTo = 10_000;

    public static async Task<long> CountAsync(IQuerySession session, IQueryable<Party> matching, bool fromIndexAlone,
        CancellationToken cancellation)
    {
        var bound = fromIndexAlone ? ExactFromIndexUpTo : ExactUpTo;
        // The organization's own database: the one its session reads.
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(cancellation);

        await using var bounded = BoundedCount(matching, bound);
        bounded.Connection = connection;
        var exact = (long)(await bounded.ExecuteScalarAsync(cancellation))!;
        if (exact <= bound) return exact;

        await using var explain = matching.Select(p => p.Id).ToCommand();
        explain.CommandText = $"explain (format json) {Statement(explain)}";
        explain.Connection = connection;
        var plan = (string)(await explain.ExecuteScalarAsync(cancellation))!;
        using var document = JsonDocument.Parse(plan);
        var estimate = (long)document.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        return Math.Max(exact, estimate);
    }

    /// <summary>The count of at most <paramref name="bound"/> + 1 matches. Of the active suppliers, for a caller who sees
    /// them all, it names only the columns of their partial index (<see cref="ActiveVendorNames"/>), so PostgreSQL counts
    /// from the index alone.</summary>
    public static NpgsqlCommand BoundedCount(IQueryable<Party> matching, int bound)
    {
        var command = matching.Select(p => p.Id).Take(bound + 1).ToCommand();
        command.CommandText = $"select count(*) from ({Statement(command)}) as matching";
        return command;
    }

    // Marten ends its statements with a semicolon, which a subquery cannot carry.
    private static string Statement(NpgsqlCommand command) => command.CommandText.TrimEnd().TrimEnd(';');
}
