using JasperFx.Events;
using Parties.Webhooks;

namespace Parties.Api.Webhooks;

/// <summary>One attempt of one delivery: sent (or refused before sending), its record made and the delivery's state moved.</summary>
public static class DeliveryAttempts
{
    public static async Task<WebhookAttempt> MakeAsync(WebhookDelivery delivery, WebhookSubscription subscription, IEvent? e,
        WebhookSender sender, WebhookOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var attempt = new WebhookAttempt
        {
            Id = AttemptIds.Next(now), SubscriptionId = delivery.SubscriptionId, DeliveryId = delivery.Id, EventId = delivery.EventId,
            Sequence = delivery.Sequence, PartyId = delivery.PartyId, Type = delivery.Type, Attempt = delivery.Attempts + 1, At = now,
        };
        delivery.Attempts++;
        var webhook = e is null ? null : WebhookEvents.Of(e);
        if (!subscription.IsActive) Fail(attempt, "The subscription is inactive.");
        else if (webhook is null) Fail(attempt, "The event is no longer in the store.");
        else
        {
            var result = await sender.SendAsync(subscription.Url, subscription.Secret, delivery.EventId,
                WebhookBody.From(e!, webhook).ToJson(), cancellation);
            attempt.StatusCode = result.StatusCode;
            attempt.Error = result.Error;
            attempt.DurationMs = Math.Round(result.Duration.TotalMilliseconds, 1);
            attempt.Outcome = result.Succeeded ? AttemptOutcome.Delivered
                : result.Retryable && options.RetryAfter(attempt.Attempt) is not null ? AttemptOutcome.Retrying
                : AttemptOutcome.Failed;
        }

        if (attempt.Outcome == AttemptOutcome.Retrying)
        {
            attempt.NextRetryAt = clock.GetUtcNow() + options.RetryAfter(attempt.Attempt)!.Value;
            delivery.Status = DeliveryStatus.Retrying;
            delivery.NextAttemptAt = attempt.NextRetryAt;
        }
        else
        {
            delivery.Status = attempt.Outcome == AttemptOutcome.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
        }
        return attempt;
    }

    private static void Fail(WebhookAttempt attempt, string error)
    {
        attempt.Error = error;
        attempt.Outcome = AttemptOutcome.Failed;
    }
}
