using System.Collections.Immutable;
using Shouldly;

namespace Parties.Tests;

public class merge_and_duplicate_decisions
{
    private static Party PartyOf(PartyData data) => new() { Id = Guid.CreateVersion7(), Version = 1, Data = data, NameKey = Party.Normalize(data.Name) };

    private static readonly Address Home = new() { City = "Tehran", Line1 = "1 Main", IsDefault = true };
    private static readonly Address Shop = new() { City = "Shiraz", Line1 = "2 Side", IsDefault = true };

    private static readonly PartyData Survivor = new()
    {
        Number = "S", PartyType = PartyType.Organization, Name = "Pars Trading", Notes = "mine", Roles = [Roles.Customer],
        Addresses = [Home], Phones = [new PartyPhone(PhoneType.Work, "1")],
    };

    private static readonly PartyData Absorbed = new()
    {
        Number = "A", PartyType = PartyType.Organization, Name = "Pars Trading Co", Notes = "theirs", NationalCode = "0012345678",
        Roles = [Roles.Vendor], Addresses = [Shop, Home], Phones = [new PartyPhone(PhoneType.Work, "1"), new PartyPhone(PhoneType.Home, "2")],
        CustomFields = ImmutableSortedDictionary<string, CustomFieldValue>.Empty.Add("color", new CustomFieldValue(FlexFieldType.Varchar, "red")),
    };

    [Fact]
    public void a_merge_keeps_the_survivors_scalars_takes_the_preferred_and_unites_collections_naming_who_gave_what()
    {
        var (survivor, absorbed) = (PartyOf(Survivor), PartyOf(Absorbed));

        var (data, sources) = MergedValues.Combine(survivor, [absorbed],
            new Dictionary<IPartyField, Guid> { [PartyFields.NationalCode] = absorbed.Id });

        data.Notes.ShouldBe("mine");
        data.NationalCode.ShouldBe("0012345678");
        data.Roles.ShouldBe([Roles.Customer, Roles.Vendor]);
        data.Addresses.ShouldBe([Home, Shop with { IsDefault = false }]);
        data.Phones.Length.ShouldBe(2);
        data.CustomFields.Keys.ShouldBe(["color"]);
        sources.Select(s => s.Field).ShouldBe(["nationalCode", "roles", "addresses", "phones", "customFields"]);
        sources.ShouldAllBe(s => s.PartyId == absorbed.Id);
    }

    [Fact]
    public void an_unmerge_takes_back_what_the_party_gave_unless_it_changed_since()
    {
        var (survivor, absorbed) = (PartyOf(Survivor), PartyOf(Absorbed));
        var (data, sources) = MergedValues.Combine(survivor, [absorbed],
            new Dictionary<IPartyField, Guid> { [PartyFields.NationalCode] = absorbed.Id, [PartyFields.Notes] = absorbed.Id });
        var merge = new PartyMerged([absorbed.Id], sources, PartyFields.Diff(Survivor, data));
        var changedSince = data with { Notes = "edited after the merge" };

        var (back, kept) = MergedValues.TakeBack(changedSince, merge, absorbed);

        kept.ShouldBe(["notes"]);
        PartyFields.Diff(Survivor with { Notes = "edited after the merge" }, back).ShouldBeEmpty();
    }

    [Fact]
    public void trigram_similarity_reads_words_as_pg_trgm_does()
    {
        Trigrams.Similarity("word", "word").ShouldBe(1);
        Trigrams.Similarity("word", "").ShouldBe(0);
        // pg_trgm: similarity('word', 'two words') = 0.363636
        Math.Round(Trigrams.Similarity("word", "two words"), 6).ShouldBe(0.363636);
        Trigrams.Similarity("Pars-Trading", "pars trading").ShouldBe(1);
    }

    [Fact]
    public void a_name_is_compared_with_the_names_holding_one_of_its_distinctive_words()
    {
        NameBlocks.Patterns("annabelle haley").ShouldBe(["%annabelle%", "%haley%"]);
        // Company forms, short words and numbers would each bring a large share of all parties.
        NameBlocks.Patterns("haley, kub and schmitt group llc 12345").ShouldBe(["%haley%", "%schmitt%"]);
        NameBlocks.Patterns("lemke inc bd5c2b28-311").ShouldBe(["%lemke%"]);
        NameBlocks.Patterns("شرکت بازرگانی پارس").ShouldBe(["%پارس%"]);
        // A name with no longer word keeps its three-letter ones; one made only of company forms is compared with none.
        NameBlocks.Patterns("kub & li").ShouldBe(["%kub%"]);
        NameBlocks.Patterns("trading company ltd").ShouldBeEmpty();
        NameBlocks.Patterns(null).ShouldBeEmpty();
    }

    [Fact]
    public void a_score_grows_with_each_shared_reason_and_stays_under_one()
    {
        var me = PartyOf(Absorbed with { EconomicCode = "411", MobileE164 = "+989121234567", Email = "a@b.test" });
        var sameCode = DuplicateScore.Of(me, PartyOf(new PartyData { Name = "Other", NationalCode = "0012345678" }))!;
        var more = DuplicateScore.Of(me, PartyOf(me.Data with { Email = "A@B.TEST" }))!;

        sameCode.Reasons.ShouldBe(["same_national_code"]);
        sameCode.Score.ShouldBe(0.9);
        more.Reasons.ShouldBe(["same_national_code", "same_economic_code", "same_mobile", "same_email", "similar_name"]);
        more.Score.ShouldBeGreaterThan(sameCode.Score);
        more.Score.ShouldBeLessThan(1);
        DuplicateScore.Of(me, PartyOf(new PartyData { Name = "Nothing Alike" })).ShouldBeNull();
        DuplicateScore.Of(me, me).ShouldBeNull();
    }
}
