using System.Globalization;
using Chancery.Core.Common;
using Chancery.Core.States;

namespace Chancery.Core.Import;

/// <summary>A problem with one row: the row number, the column (as the file names it) and what to do.</summary>
public sealed record RowProblem(string? Column, string Reason);

/// <summary>
/// A mapping applied to a file's header: reads a field of a row by the mapped column, applies value translations and
/// defaults, restores neutralised spreadsheet text, and parses values, collecting one problem per bad field.
/// </summary>
public sealed class MappedColumns
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly MappingDefinition _mapping;

    /// <summary>Checks that every required field has a column or a default; names the missing ones.</summary>
    public MappedColumns(IReadOnlyList<string> header, MappingDefinition mapping, ImportTarget target)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(mapping);
        _mapping = mapping;
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            if (header[i].Length > 0) positions.TryAdd(header[i], i);
        var known = ImportFields.For(target).ToHashSet(StringComparer.Ordinal);
        var unknown = mapping.Columns.Keys.Where(f => !known.Contains(f)).ToList();
        if (unknown.Count > 0)
            throw new ImportFileException($"The mapping names field(s) {string.Join(", ", unknown)} that a {target.ToString().ToLowerInvariant()} import does not have; fields are: {string.Join(", ", known)}.");
        foreach (var (field, column) in mapping.Columns)
            if (positions.TryGetValue(column, out var at)) _index[field] = at;
        var missing = ImportFields.Required(target)
            .Where(f => !_index.ContainsKey(f) && mapping.Defaults?.ContainsKey(f) != true)
            .Select(f => mapping.Columns.TryGetValue(f, out var c) ? $"'{c}' (for {f})" : $"one for {f}")
            .ToList();
        if (missing.Count > 0)
            throw new ImportFileException($"The file lacks the required column(s) {string.Join(", ", missing)}; columns found: {string.Join(", ", header.Where(h => h.Length > 0))}.");
    }

    /// <summary>Whether the file (or a default) supplies the field, so an update may change it.</summary>
    public bool Has(string field) => _index.ContainsKey(field) || _mapping.Defaults?.ContainsKey(field) == true;

    /// <summary>The column a field is read from, for messages.</summary>
    public string ColumnOf(string field) => _mapping.Columns.TryGetValue(field, out var c) ? c : field;

    /// <summary>Reads fields of one row.</summary>
    public RowReader Row(SourceRow row) => new(this, row);

    internal string? Raw(string field, string[] cells)
    {
        string? text = null;
        if (_index.TryGetValue(field, out var i) && i < cells.Length) text = SpreadsheetText.Restore(cells[i])?.Trim();
        if (string.IsNullOrEmpty(text)) text = _mapping.Defaults?.GetValueOrDefault(field);
        if (string.IsNullOrEmpty(text)) return null;
        if (_mapping.Values?.GetValueOrDefault(field) is { } values)
            text = values.TryGetValue(text, out var v) ? v : values.TryGetValue("*", out var other) ? other : text;
        return text;
    }
}

/// <summary>Typed access to one row's fields; each bad value adds a <see cref="RowProblem"/>.</summary>
public sealed class RowReader(MappedColumns columns, SourceRow row)
{
    /// <summary>Problems found so far.</summary>
    public List<RowProblem> Problems { get; } = [];

    /// <summary>The row number.</summary>
    public int Number => row.Number;

    /// <summary>Whether the row has any of these fields filled.</summary>
    public bool Any(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            if (columns.Raw(field, row.Cells) is not null) return true;
        }
        return false;
    }

    /// <summary>Adds a problem against a field's column.</summary>
    public void Problem(string field, string reason) => Problems.Add(new RowProblem(columns.ColumnOf(field), reason));

    /// <summary>A text field, trimmed; null when empty.</summary>
    public string? Text(string field, int max, bool required = false)
    {
        var text = columns.Raw(field, row.Cells);
        if (text is null)
        {
            if (required) Problem(field, $"{field} is required.");
            return null;
        }
        if (text.Length > max) Problem(field, $"{field} is {text.Length} characters long; the limit is {max}.");
        return text;
    }

    /// <summary>A name: a text field held to <see cref="NameText"/> (no control or invisible characters), as on every other write path.</summary>
    public string? Name(string field, bool required = false)
    {
        var text = Text(field, FieldLimits.Name, required);
        if (text is not null && NameText.Problem(field, text) is { } problem) Problem(field, problem);
        return text;
    }

    /// <summary>A state: ISO alpha-2 or alpha-3 code, or an English, French or Russian name.</summary>
    public string? State(string field, bool required = false)
    {
        var text = columns.Raw(field, row.Cells);
        if (text is null)
        {
            if (required) Problem(field, $"{field} is required: an ISO 3166-1 alpha-2 code such as FR, or the state's name.");
            return null;
        }
        if (StateNames.Resolve(text) is { } code) return code;
        Problem(field, $"'{text}' is not a state on the ISO 3166-1 list (by code or name); give an alpha-2 code such as FR.");
        return null;
    }

    /// <summary>A calendar date: YYYY-MM-DD, or a spreadsheet date number.</summary>
    public DateOnly? Date(string field, bool required = false)
    {
        var text = columns.Raw(field, row.Cells);
        if (text is null)
        {
            if (required) Problem(field, $"{field} is required: a date written YYYY-MM-DD.");
            return null;
        }
        if (IsoDate(text) is { } iso) return iso;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)) return DateOnly.FromDateTime(dt);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466 && serial == Math.Floor(serial))
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        Problem(field, $"{field} '{text}' is not a date; write it as YYYY-MM-DD (e.g. 2021-09-03).");
        return null;
    }

    // YYYY-MM-DD read digit by digit, the way nearly every date comes (the general parser costs more than the rest of
    // the row); anything else, an impossible date included, is left to the parsers below.
    private static DateOnly? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return null;
        var year = 0;
        var month = 0;
        var day = 0;
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7) continue;
            var digit = text[i] - '0';
            if (digit is < 0 or > 9) return null;
            if (i < 4) year = year * 10 + digit;
            else if (i < 7) month = month * 10 + digit;
            else day = day * 10 + digit;
        }
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static bool IsLettersOrDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c)) return false;
        }
        return true;
    }

    /// <summary>A whole number.</summary>
    public int? Integer(string field, int min, int max)
    {
        var text = columns.Raw(field, row.Cells);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        Problem(field, $"{field} '{text}' is not a whole number from {min} to {max}.");
        return null;
    }

    /// <summary>An enum value by name, ignoring case, spaces, hyphens and underscores.</summary>
    public TEnum? Enum<TEnum>(string field, bool required = false) where TEnum : struct, System.Enum
    {
        var text = columns.Raw(field, row.Cells);
        if (text is null)
        {
            if (required) Problem(field, $"{field} is required: one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
            return null;
        }
        var folded = IsLettersOrDigits(text) ? text : string.Concat(text.Where(char.IsLetterOrDigit));
        if (!folded.All(char.IsDigit) && System.Enum.TryParse<TEnum>(folded, ignoreCase: true, out var value)) return value;
        Problem(field, $"{field} '{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }
}

/// <summary>States by code or by name, for files that write "Russia" or "People's Republic of China" instead of codes.</summary>
public static class StateNames
{
    // Names used by Wikidata (and so by the list of embassies) that differ from the ISO/CLDR names.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["People's Republic of China"] = "CN",
        ["Turkey"] = "TR",
        ["Vatican"] = "VA",
        ["Czech Republic"] = "CZ",
        ["Republic of Ireland"] = "IE",
        ["Kingdom of Denmark"] = "DK",
        ["Republic of the Congo"] = "CG",
        ["East Timor"] = "TL",
        ["The Gambia"] = "GM",
        ["The Bahamas"] = "BS",
        ["São Tomé and Príncipe"] = "ST",
        ["Federated States of Micronesia"] = "FM",
        ["Macau"] = "MO",
    };

    private static readonly Lazy<Dictionary<string, string>> Index = new(() =>
    {
        var index = new Dictionary<string, string>(Aliases, StringComparer.OrdinalIgnoreCase);
        foreach (var s in StateCatalog.All)
        {
            foreach (var name in new[] { s.Code, s.Alpha3, s.Name, s.OfficialName, s.NameFr, s.NameRu })
                if (!string.IsNullOrWhiteSpace(name)) index.TryAdd(name.Trim(), s.Code);
        }
        return index;
    });

    /// <summary>The alpha-2 code for a code or name, or null when not a state on the list.</summary>
    public static string? Resolve(string text) =>
        Index.Value.TryGetValue(text.Trim(), out var code) ? code : null;
}
