using System.Globalization;

namespace Parties.Api.Webhooks;

/// <summary><c>Parties:Webhooks:*</c>: where deliveries may go, how long one waits, when a failed one is tried again.</summary>
public sealed record WebhookOptions(bool AllowPrivateTargets, TimeSpan Timeout, IReadOnlyList<TimeSpan> RetrySchedule)
{
    public const string Section = "Parties:Webhooks";
    public const int MaxTimeoutSeconds = 45;

    /// <summary>Seven attempts over about 23 hours: quick ones for a blip, then spread out for an outage.</summary>
    public const string DefaultRetrySchedule = "00:00:05,00:01:00,00:10:00,01:00:00,06:00:00,16:00:00";

    public static WebhookOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var schedule = (section["RetrySchedule"] is { Length: > 0 } text ? text : DefaultRetrySchedule)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var delay) && delay >= TimeSpan.Zero
                ? delay
                : throw new InvalidOperationException($"{Section}:RetrySchedule: '{part}' is not a duration such as 00:01:00."))
            .ToArray();
        var seconds = section.GetValue("TimeoutSeconds", 10.0);
        // Wolverine cancels a local queue's handler after its execution timeout (a minute): the attempt must end well before.
        if (seconds is <= 0 or > MaxTimeoutSeconds)
            throw new InvalidOperationException($"{Section}:TimeoutSeconds must be above 0 and at most {MaxTimeoutSeconds}.");
        return new(section.GetValue("AllowPrivateTargets", false), TimeSpan.FromSeconds(seconds), schedule);
    }

    /// <summary>When to try again after the given failed attempt (from 1); null when the schedule is spent.</summary>
    public TimeSpan? RetryAfter(int attempt) => attempt <= RetrySchedule.Count ? RetrySchedule[attempt - 1] : null;
}
