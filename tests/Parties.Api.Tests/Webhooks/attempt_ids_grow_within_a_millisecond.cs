using Parties.Api.Webhooks;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class attempt_ids_grow_within_a_millisecond
{
    [Fact]
    public void ids_made_at_one_instant_sort_in_the_order_they_were_made_as_PostgreSQL_sorts_uuids()
    {
        var at = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 10_000).Select(_ => AttemptIds.Next(at)).ToArray();

        // PostgreSQL compares uuids byte by byte in their written (big-endian) order, which is their text's order.
        var texts = ids.Select(id => id.ToString()).ToArray();
        texts.ShouldBe(texts.Order(StringComparer.Ordinal).ToArray());
        texts.Distinct().Count().ShouldBe(ids.Length);
        ids.All(id => id.Version == 7 && id.ToString()[19] is '8' or '9' or 'a' or 'b').ShouldBeTrue("version 7, RFC variant");
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(texts[0].Replace("-", "")[..12], 16)).ShouldBe(at, TimeSpan.FromMilliseconds(1));
    }
}
