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
        var words = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name)) continue;
            var bgn = Fold(name, icao: false);
            AddForm(bgn, words, parts);
            // The romanisations differ only in letters outside ASCII.
            if (!Ascii.IsValid(name)) AddForm(Fold(name, icao: true), words, parts);
        }
        var key = " " + string.Join(" | ", parts) + " ";
        // The column holds FieldLimits.SearchKey characters: names at their limit, romanised twice (щ is "shch"),
        // can exceed it, and PostgreSQL refuses the row. Cut the tail rather than refuse a valid person.
        return key.Length <= FieldLimits.SearchKey ? key : key[..(FieldLimits.SearchKey - 1)] + " ";
    }

    // Queries match word by word, so a form whose words are all in the key already finds nothing new.
    private static void AddForm(string form, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> words, List<string> parts)
    {
        var text = form.AsSpan();
        var known = true;
        foreach (var range in text.Split(' '))
        {
            if (text[range].IsEmpty || words.Contains(text[range])) continue;
            known = false;
            break;
        }
        if (known) return;
        foreach (var range in text.Split(' '))
        {
            if (!text[range].IsEmpty) words.Add(text[range]);
        }
        parts.Add(form);
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

    private static string Fold(string text, bool icao) => FoldBasic(text, icao) ?? FoldAny(text, icao);

    // The common case, names written in ASCII and the basic Russian alphabet, without the culture-aware lower-casing and
    // Unicode decomposition of the general path (most of an import's time otherwise): lower-casing these letters is a
    // fixed offset, and the only two of them that decompose (й, ё) have their own entries in the table, so the result is
    // the general path's. Null for any other character.
    internal static string? FoldBasic(string text, bool icao)
    {
        // Each letter becomes at most four (щ is "shch").
        Span<char> buffer = text.Length <= 64 ? stackalloc char[256] : new char[text.Length * 4];
        var length = 0;
        var lastSpace = false;
        foreach (var raw in text)
        {
            if (raw < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(raw))
                {
                    buffer[length++] = char.ToLowerInvariant(raw);
                    lastSpace = false;
                }
                else if (!lastSpace && length > 0)
                {
                    buffer[length++] = ' ';
                    lastSpace = true;
                }
                continue;
            }
            int letter;
            if (raw is >= '\u0410' and <= '\u044F') letter = (raw - '\u0410') % 32;
            else if (raw is '\u0401' or '\u0451') letter = 32;
            else return null;
            var latin = icao ? RussianIcao[letter] : RussianBgn[letter];
            latin.CopyTo(buffer[length..]);
            length += latin.Length;
            lastSpace = false;
        }
        while (length > 0 && buffer[length - 1] == ' ') length--;
        return new string(buffer[..length]);
    }

    // The table's romanisations of а…я (U+0430…U+044F) and, last, ё: indexed without a dictionary look-up.
    private static readonly string[] RussianBgn = [.. Enumerable.Range(0, 32).Select(i => Cyrillic[(char)('\u0430' + i)].Bgn), Cyrillic['\u0451'].Bgn];
    private static readonly string[] RussianIcao = [.. Enumerable.Range(0, 32).Select(i => Cyrillic[(char)('\u0430' + i)].Icao), Cyrillic['\u0451'].Icao];

    internal static string FoldAny(string text, bool icao)
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
