using System.Globalization;
using Parties.Api.Http;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

public class query_numbers_are_whole_numbers_within_bounds
{
    [Theory]
    [InlineData(null, true, 20)]
    [InlineData("", true, 20)]
    [InlineData("1", true, 1)]
    [InlineData("100", true, 100)]
    [InlineData("0", false, 0)]
    [InlineData("101", false, 0)]
    [InlineData("ten", false, 0)]
    [InlineData("+5", false, 0)]
    [InlineData(" 5", false, 0)]
    [InlineData("99999999999", false, 0)]
    public void digits_only_by_default_and_absent_is_the_default(string? text, bool ok, int expected)
    {
        QueryNumbers.TryRange(text, 1, 100, 20, out var value).ShouldBe(ok);
        if (ok) value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("+5", 5)]
    [InlineData(" 5 ", 5)]
    public void integer_style_also_takes_a_sign_and_surrounding_spaces(string text, int expected)
    {
        QueryNumbers.TryRange(text, 1, 100, 20, out var value, NumberStyles.Integer).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Fact]
    public void a_long_range_reaches_past_int()
    {
        QueryNumbers.TryRange("5000000000", 0, long.MaxValue, 0, out var value).ShouldBeTrue();
        value.ShouldBe(5_000_000_000L);
    }
}
