using Chancery.Core.Common;
using CsCheck;

namespace Chancery.Core.Tests.Rules;

public class SearchTextTests
{
    /// <summary>What the service does: every word of the query is contained in the stored key.</summary>
    private static bool Finds(string query, params string?[] names)
    {
        var key = SearchText.KeyFor(names);
        return SearchText.QueryWords(query).All(w => key.Contains(w.Bgn, StringComparison.Ordinal) || key.Contains(w.Icao, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Юрий", "yuriy", "iurii")]
    [InlineData("Юлия", "yuliya", "iuliia")]
    [InlineData("Хрущёв", "khrushchev", "khrushchev")]
    [InlineData("Подъячев", "podyachev", "podieiachev")]
    [InlineData("Щукина", "shchukina", "shchukina")]
    [InlineData("Цветаева", "tsvetaeva", "tsvetaeva")]
    [InlineData("Гайдай", "gayday", "gaidai")]
    public void CyrillicIsStoredUnderBothRomanisations(string cyrillic, string bgn, string icao) =>
        Assert.Equal(bgn == icao ? $" {bgn} " : $" {bgn} | {icao} ", SearchText.KeyFor(cyrillic));

    [Theory]
    [InlineData("й", "y", "i")]
    [InlineData("Й", "y", "i")]
    [InlineData("ё", "e", "e")]
    [InlineData("Ё", "e", "e")]
    public void ShortIAndYoFoldWithoutLeavingMarks(string letter, string bgn, string icao) =>
        Assert.Equal(bgn == icao ? $" {bgn} " : $" {bgn} | {icao} ", SearchText.KeyFor(letter));

    [Theory]
    [InlineData("Ёлкин", "елкин")]
    [InlineData("Фёдоров", "Федоров")]
    public void YoAndYeAreTheSameForSearch(string withYo, string withYe) =>
        Assert.Equal(SearchText.KeyFor(withYe), SearchText.KeyFor(withYo));

    [Theory]
    [InlineData("Müller", "muller")]
    [InlineData("ÇAĞLAR", "caglar")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Straße", "strasse")]
    [InlineData("Søren Kierkegaard", "soren kierkegaard")]
    [InlineData("José-María  O'Neill", "jose maria o neill")]
    public void DiacriticsCaseAndPunctuationAreFolded(string name, string folded) =>
        Assert.Equal($" {folded} ", SearchText.KeyFor(name));

    [Theory]
    [InlineData("iurii gagarin")]
    [InlineData("YURIY GAGARIN")]
    [InlineData("Yuriy")]
    [InlineData("gagar")]
    [InlineData("Юрий Гагарин")]
    [InlineData("юрии")]
    public void LatinAndCyrillicQueriesFindACyrillicName(string query) =>
        Assert.True(Finds(query, "Гагарин", "Юрий"));

    [Theory]
    [InlineData("Зайцев Юрий")]
    [InlineData("ЗАЙЦЕВ")]
    [InlineData("zaitsev iurii")]
    public void CyrillicQueriesFindANameRecordedOnlyInItsPassportSpelling(string query) =>
        Assert.True(Finds(query, "Zaitsev", "Iurii"));

    [Theory]
    [InlineData("muller")]
    [InlineData("MÜLLER")]
    public void AnyFormOfAGermanNameFindsIt(string query) =>
        Assert.True(Finds(query, "Müller"));

    [Fact]
    public void TheStartOfANameFindsIt() => Assert.True(Finds("Petrov", "Petrova"));

    [Theory]
    [InlineData("Ivanov Sergei", "Ivanov")]
    [InlineData("Иванова", "Иванов")]
    [InlineData("Yuriy", "Iurii")]
    public void QueriesDoNotFindNamesThatLackOneOfTheirWords(string query, string name) =>
        Assert.False(Finds(query, name));

    [Fact]
    public void KeyFitsItsColumnEvenForTheLongestNames()
    {
        var longest = new string('Щ', FieldLimits.Name);
        Assert.True(SearchText.KeyFor(longest, longest, longest, longest, $"{longest} {longest}").Length <= FieldLimits.SearchKey);
    }

    [Fact]
    public void BlankNamesAddNothingToTheKey() =>
        Assert.Equal(" ivanov ", SearchText.KeyFor(null, "", "  ", "Ivanov"));

    [Fact]
    public void NamesInAsciiAndTheRussianAlphabetFoldAsThroughUnicodeDecomposition()
    {
        // ASCII (with controls and punctuation), the Cyrillic block's first 96 letters (Ukrainian and Belarusian among them) and a few others.
        var alphabet = Gen.OneOf(Gen.Char[(char)0, (char)0x7F], Gen.Char['\u0400', '\u045F'], Gen.OneOf('é', 'ß', '\u0306', '\u00A0', 'Ł'));
        Gen.Select(alphabet.Array[0, 24].Select(c => new string(c)), Gen.Bool).Sample((name, icao) =>
        {
            var basic = SearchText.FoldBasic(name, icao);
            return basic is null ? name.Any(c => c >= 0x80 && c is not (>= '\u0410' and <= '\u044F') and not ('\u0401' or '\u0451'))
                : basic == SearchText.FoldAny(name, icao);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("Анна-Мария ЙОЛКИНА-Ёжикова", false)]
    [InlineData("Анна-Мария ЙОЛКИНА-Ёжикова", true)]
    [InlineData(" O'Neill, Jr.\t3rd ", false)]
    public void RussianAndAsciiNamesTakeTheShortWayToTheSameFold(string name, bool icao)
    {
        var basic = SearchText.FoldBasic(name, icao);
        Assert.NotNull(basic);
        Assert.Equal(SearchText.FoldAny(name, icao), basic);
    }
}
