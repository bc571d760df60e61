namespace Chancery.Core.Common;

/// <summary>
/// Cell text that a spreadsheet would run as a formula (it begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return) is written with a leading apostrophe, as OWASP's CSV-injection guidance says, and the apostrophe is
/// taken off again on import, so an export imports back to the same text.
/// </summary>
public static class SpreadsheetText
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Whether <paramref name="text"/> would be taken for a formula.</summary>
    public static bool IsFormulaLike(string? text) => !string.IsNullOrEmpty(text) && Array.IndexOf(Triggers, text[0]) >= 0;

    /// <summary>The text made safe for a cell: prefixed with <c>'</c> when it is formula-like, else unchanged.</summary>
    public static string? Neutralise(string? text) => IsFormulaLike(text) ? "'" + text : text;

    /// <summary>The inverse of <see cref="Neutralise"/>: one leading <c>'</c> before a formula character is removed.</summary>
    public static string? Restore(string? text) =>
        text is { Length: > 1 } && text[0] == '\'' && IsFormulaLike(text[1..]) ? text[1..] : text;
}
