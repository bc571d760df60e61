using System.Globalization;
using System.Text;

namespace Chancery.Core.Common;

/// <summary>
/// Folds names into a search key: lower case, no diacritics, Cyrillic spelled in Latin letters.
/// A Cyrillic name is stored under two romanisations, BGN/PCGN (Yuriy) and ICAO 9303 as printed in
/// passports (Iurii), so a clerk finds the person whichever spelling they were given.
/// </summary>
public static class SearchText
{
    private static readonly Dictionary<char, (string Bgn, string Icao)> Cyrillic = new()
    {
        ['а'] = ("a", "a"),
        ['б'] = ("b", "b"),
        ['в'] = ("v", "v"),
        ['г'] = ("g", "g"),
        ['д'] = ("d", "d"),
        ['е'] = ("e", "e"),
        ['ё'] = ("e", "e"),
        ['ж'] = ("zh", "zh"),
        ['з'] = ("z", "z"),
        ['и'] = ("i", "i"),
        ['й'] = ("y", "i"),
        ['к'] = ("k", "k"),
        ['л'] = ("l", "l"),
        ['м'] = ("m", "m"),
        ['н'] = ("n", "n"),
        ['о'] = ("o", "o"),
        ['п'] = ("p", "p"),
        ['р'] = ("r", "r"),
        ['с'] = ("s", "s"),
        ['т'] = ("t", "t"),
        ['у'] = ("u", "u"),
        ['ф'] = ("f", "f"),
        ['х'] = ("kh", "kh"),
        ['ц'] = ("ts", "ts"),
        ['ч'] = ("ch", "ch"),
        ['ш'] = ("sh", "sh"),
        ['щ'] = ("shch", "shch"),
        ['ъ'] = ("", "ie"),
        ['ы'] = ("y", "y"),
        ['ь'] = ("", ""),
        ['э'] = ("e", "e"),
        ['ю'] = ("yu", "iu"),
        ['я'] = ("ya", "ia"),
        // Ukrainian and Belarusian letters, romanised as in their national passports.
        ['і'] = ("i", "i"),
        ['ї'] = ("yi", "i"),
        ['є'] = ("ye", "ie"),
        ['ґ'] = ("g", "g"),
        ['ў'] = ("w", "u"),
    };

    private static readonly Dictionary<char, string> LatinExtras = new()
    {
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ø'] = "o",
        ['ł'] = "l",
        ['đ'] = "d",
        ['ð'] = "d",
        ['þ'] = "th",
        ['ı'] = "i",
    };

    /// <summary>The key stored for a person: every name given, folded, with both romanisations of Cyrillic.</summary>
    public static string KeyFor(params string?[] names)
    {
        var parts = new List<string>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name)) continue;
            foreach (var form in new[] { Fold(name, icao: false), Fold(name, icao: true) })
            {
                // Queries match word by word, so a form whose words are all in the key already finds nothing new.
                var formWords = form.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (formWords.All(words.Contains)) continue;
                words.UnionWith(formWords);
                parts.Add(form);
            }
        }
        var key = " " + string.Join(" | ", parts) + " ";
        // The column holds FieldLimits.SearchKey characters: names at their limit, romanised twice (щ is "shch"),
        // can exceed it, and PostgreSQL refuses the row. Cut the tail rather than refuse a valid person.
        return key.Length <= FieldLimits.SearchKey ? key : key[..(FieldLimits.SearchKey - 1)] + " ";
    }

    /// <summary>Lower-case Latin form of a name: BGN/PCGN, or ICAO 9303 as in passports.</summary>
    public static string Romanise(string name, bool icao) => Fold(name, icao);

    /// <summary>A query folded the same way as stored keys (BGN romanisation of any Cyrillic).</summary>
    public static string FoldQuery(string query) => Fold(query, icao: false);

    /// <summary>
    /// The words of a query, each folded in both romanisations: a stored key matches a word when it
    /// contains either form. A Cyrillic query thus finds a name recorded only in its passport (ICAO)
    /// spelling, e.g. Зайцев finds Zaitsev although BGN/PCGN spells it Zaytsev.
    /// </summary>
    public static IReadOnlyList<(string Bgn, string Icao)> QueryWords(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => (Bgn: Fold(word, icao: false), Icao: Fold(word, icao: true)))
            .Where(w => w.Bgn.Length > 0 || w.Icao.Length > 0)];
    }

    private static string Fold(string text, bool icao)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length + 8);
        var lastSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                // Cyrillic й and ё decompose to и/е plus a mark; recompose those two before dropping marks.
                if (sb.Length > 0 && c == '\u0306' && EndsWithFrom(sb, "i"))
                {
                    sb.Length--;
                    sb.Append(icao ? "i" : "y");
                }
                continue;
            }
            if (Cyrillic.TryGetValue(c, out var latin))
            {
                sb.Append(icao ? latin.Icao : latin.Bgn);
                lastSpace = false;
            }
            else if (LatinExtras.TryGetValue(c, out var extra))
            {
                sb.Append(extra);
                lastSpace = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                lastSpace = false;
            }
            else if (!lastSpace && sb.Length > 0)
            {
                sb.Append(' ');
                lastSpace = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static bool EndsWithFrom(StringBuilder sb, string s) => sb.Length >= s.Length && sb[^1] == s[^1];
}
