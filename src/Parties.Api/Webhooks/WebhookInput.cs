using Parties.Api.Http;
using Parties.Webhooks;

namespace Parties.Api.Webhooks;

/// <summary>The body of <c>POST</c> and <c>PATCH /api/webhooks/</c>: on PATCH only what is sent changes.</summary>
public sealed record WebhookInput
{
    public Optional<string> Url { get; init; }
    public Optional<string[]> Events { get; init; }
    public Optional<string> Description { get; init; }
    public Optional<bool?> IsActive { get; init; }

    public const int MaxDescription = 500;

    /// <summary>The first field that is wrong, and why (url aside: its check needs the resolver).</summary>
    public (string Field, string Message)? Error(bool creating)
    {
        if (creating && !Url.IsSet) return ("url", "This field is required.");
        if (Url.IsSet && Url.Value is null) return ("url", "This field may not be null.");
        if (creating && !Events.IsSet) return ("events", "This field is required.");
        if (Events.IsSet)
        {
            if (Events.Value is not { Length: > 0 } events) return ("events", "Give at least one event type, or \"*\" for all.");
            if (events.FirstOrDefault(e => e != WebhookEvents.Every && !WebhookEvents.Types.Contains(e)) is { } unknown)
                return ("events", $"\"{unknown}\" is not a valid choice: {string.Join(", ", WebhookEvents.Types)} or *.");
        }
        if (Description.IsSet && Description.Value?.Length > MaxDescription)
            return ("description", $"Ensure this field has no more than {MaxDescription} characters.");
        if (IsActive.IsSet && IsActive.Value is null) return ("is_active", "This field may not be null.");
        return null;
    }
}

/// <summary>A subscription as the API shows it; the secret only when it was just made.</summary>
public sealed record WebhookResource(Guid Id, string Url, IReadOnlyList<string> Events, string Description, bool IsActive,
    DateTimeOffset Created)
{
    public static WebhookResource From(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.Description, s.IsActive, s.Created);
}

public sealed record WebhookWithSecret(Guid Id, string Url, IReadOnlyList<string> Events, string Description, bool IsActive,
    DateTimeOffset Created, string Secret)
{
    public static WebhookWithSecret From(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.Description, s.IsActive, s.Created, s.Secret);
}

public sealed record ReplayInput(long? After);

/// <param name="Until">The change feed position up to which the replay goes; later events are delivered as usual.</param>
public sealed record ReplayAccepted(long After, long Until);

public sealed record AttemptItem(Guid Id, Guid Event, long Sequence, Guid Party, string Type, int Attempt, DateTimeOffset Timestamp,
    string Status, int? StatusCode, string? Error, double DurationMs, DateTimeOffset? NextRetry)
{
    public static AttemptItem From(WebhookAttempt a) => new(a.Id, a.EventId, a.Sequence, a.PartyId, a.Type, a.Attempt, a.At,
        a.Outcome.ToString().ToLowerInvariant(), a.StatusCode, a.Error, a.DurationMs, a.NextRetryAt);
}

/// <param name="Next">The link to the following attempts; null when this page read everything so far.</param>
public sealed record AttemptPage(string? Next, IReadOnlyList<AttemptItem> Results);
