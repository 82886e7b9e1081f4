using PhoneNumbers;

namespace Parties;

/// <summary>Phone numbers read and written with libphonenumber's rules.</summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 if it is a valid number (in <paramref name="region"/> when it has no plus), else null.</summary>
    public static string? ToE164(string? text, string? region)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var number = Util.Parse(text, region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>A valid number written exactly in E.164: a plus, the country code and the number, nothing else.</summary>
    public static bool IsE164(string text) => text.StartsWith('+') && ToE164(text, null) == text;
}
