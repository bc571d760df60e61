using System.Globalization;

namespace Chancery.Core.Common;

/// <summary>
/// The rule for every text that names something (people, missions, cities, titles, accounts, mappings, feeds), on every
/// write path (API, forms, import): no control characters (NUL, CR, LF, tab), no line or paragraph separators, no
/// invisible format characters (bidirectional overrides and isolates, zero-width spaces, the byte-order mark, soft
/// hyphens) and no private-use, broken (lone surrogate) or replacement (U+FFFD) characters. Such characters make two names look alike while
/// they differ (a "trojan source" right-to-left override, a zero-width space inside a name that search then misses),
/// break lines in exports and messages, or slip past the spreadsheet formula guard (a leading NUL).
/// </summary>
/// <remarks>
/// The zero-width non-joiner and joiner (U+200C, U+200D) are part of the spelling of names in Persian, Arabic-script and
/// Indic writing; they are accepted between two letters of such a script, and refused anywhere else.
/// </remarks>
public static class NameText
{
    /// <summary>What is wrong with <paramref name="value"/> as the text of <paramref name="field"/>, or null when nothing is.</summary>
    public static string? Problem(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (Allowed(value, i)) continue;
            var what = char.IsSurrogate(c) ? "a broken character (half of a surrogate pair)"
                : c == '\uFFFD' ? "a replacement character (text damaged by reading it in the wrong encoding)"
                : c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' ? "a zero-width character"
                : c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' ? "a bidirectional control character"
                : char.IsControl(c) || c is '\u2028' or '\u2029' ? "a control character or line break"
                : "an invisible or private-use character";
            return $"{field} contains {what} (U+{(int)c:X4}) at position {i + 1}; only letters, marks, digits, spaces and punctuation are accepted. Retype it, or paste it as plain text.";
        }
        return null;
    }

    private static bool Allowed(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            return CharUnicodeInfo.GetUnicodeCategory(value, i) is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse);
        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])) return true;
        if (c is '\u200C' or '\u200D') return i > 0 && i + 1 < value.Length && JoiningScript(value[i - 1]) && JoiningScript(value[i + 1]);
        if (c == '\uFFFD') return false;
        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse => false,
            _ => true,
        };
    }

    // Arabic (with its supplements and presentation forms), Syriac, Thaana, N'Ko, and the Indic scripts from Devanagari to Sinhala.
    private static bool JoiningScript(char c) =>
        (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
        && c is >= '\u0600' and <= '\u07FF' or >= '\u0860' and <= '\u08FF' or >= '\u0900' and <= '\u0DFF' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFE';
}
