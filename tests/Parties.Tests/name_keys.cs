using Shouldly;

namespace Parties.Tests;

/// <summary>
/// Every project runs without ICU (<c>InvariantGlobalization</c> in Directory.Build.props), so the name key's case
/// folding is .NET's own Unicode tables: they must fold the letters of every script, not only ASCII, or names that
/// differ only in case would stop being one name for uniqueness, search and duplicates.
/// </summary>
public class name_keys
{
    [Theory]
    [InlineData("  ÉCOLE Ünal  ", "école ünal")]
    [InlineData("ΣΟΦΊΑ", "σοφία")]
    [InlineData("ЖУКОВ И СЫНОВЬЯ", "жуков и сыновья")]
    [InlineData("شرکت ALBORZ", "شرکت alborz")]
    public void a_name_key_is_the_trimmed_name_with_the_letters_of_every_script_in_lower_case(string name, string key) =>
        Party.Normalize(name).ShouldBe(key);
}
