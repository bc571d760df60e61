using System.Globalization;
using Chancery.Core.Common;
using Chancery.Core.People;

namespace Chancery.Core.Forecast;

/// <summary>
/// What a caller asks of a forecast: the start day (default: the default as-of date), days, runs, seed, and an optional
/// what-if scenario shown beside the baseline. Nulls take the engine's defaults.
/// </summary>
public sealed record ForecastRequest(DateOnly? From = null, int? Days = null, int? Runs = null, ulong? Seed = null, ForecastScenario? Scenario = null);

/// <summary>
/// The forecast request as text, as a query string, a GET form or the command line carry it. Scenario values:
/// <c>stopIssuing</c> <c>true</c> (from the start day) or a date; <c>processingFactor</c> a number above 0;
/// <c>refusalRate</c> 0 to 1; <c>expel</c> "N@yyyy-mm-dd" or "N@yyyy-mm-dd:Category" (Diplomatic unless told), repeatable;
/// <c>cap</c> "N@yyyy-mm-dd" or "N@yyyy-mm-dd:Category" (all members but locally engaged staff unless told), repeatable.
/// </summary>
public sealed record ForecastRequestText(
    string? From = null, string? Days = null, string? Runs = null, string? Seed = null,
    string? StopIssuing = null, string? ProcessingFactor = null, string? RefusalRate = null,
    IReadOnlyList<string>? Expel = null, IReadOnlyList<string>? Cap = null)
{
    /// <summary>Whether any scenario value is given (blank ones do not count).</summary>
    public bool HasScenario =>
        !string.IsNullOrWhiteSpace(StopIssuing) && !string.Equals(StopIssuing.Trim(), "false", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(ProcessingFactor) || !string.IsNullOrWhiteSpace(RefusalRate)
        || (Expel ?? []).Any(e => !string.IsNullOrWhiteSpace(e)) || (Cap ?? []).Any(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>
    /// Reads the text strictly: every malformed value is a 400 naming its field (<c>from</c>, <c>days</c>, <c>runs</c>,
    /// <c>seed</c>, <c>stopIssuing</c>, <c>processingFactor</c>, <c>refusalRate</c>, <c>expel</c>, <c>cap</c>). Ranges are
    /// checked by the service, against the start day.
    /// </summary>
    public ForecastRequest Parse()
    {
        var v = new Validator();
        var from = Date(v, "from", From);
        var days = Int(v, "days", Days);
        var runs = Int(v, "runs", Runs);
        ulong? seed = null;
        if (!string.IsNullOrWhiteSpace(Seed))
        {
            if (ulong.TryParse(Seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s)) seed = s;
            else v.Add("seed", $"seed '{Seed}' is not a whole number from 0 to {ulong.MaxValue}.");
        }
        ForecastScenario? scenario = null;
        if (HasScenario)
        {
            DateOnly? stop = null;
            var stopText = StopIssuing?.Trim();
            if (string.Equals(stopText, "true", StringComparison.OrdinalIgnoreCase)) stop = from ?? DateOnly.MinValue;
            else if (!string.IsNullOrEmpty(stopText) && !string.Equals(stopText, "false", StringComparison.OrdinalIgnoreCase))
                stop = Date(v, "stopIssuing", stopText, "true (from the start day), false, or a date as yyyy-mm-dd");
            var factor = Number(v, "processingFactor", ProcessingFactor) ?? 1;
            var rate = Number(v, "refusalRate", RefusalRate);
            var expulsions = new List<ForecastExpulsion>();
            foreach (var e in (Expel ?? []).Where(e => !string.IsNullOrWhiteSpace(e)))
                if (CountOn(v, "expel", e) is { } x) expulsions.Add(new(x.On, x.Count, x.Category ?? StaffCategory.Diplomatic));
            var caps = new List<ForecastCap>();
            foreach (var c in (Cap ?? []).Where(c => !string.IsNullOrWhiteSpace(c)))
                if (CountOn(v, "cap", c) is { } x) caps.Add(new(x.On, x.Count, x.Category));
            scenario = new ForecastScenario(stop, factor, rate, expulsions, caps);
        }
        v.ThrowIfAny();
        return new ForecastRequest(from, days, runs, seed, scenario);
    }

    /// <summary>The scenario in the words of <see cref="ForecastRequestText"/>, for links and labels ("stop issuing from 2021-08-15; processing ×1.5").</summary>
    public static string Describe(ForecastScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var parts = new List<string>();
        if (scenario.StopIssuingFrom is { } stop) parts.Add($"host stops issuing visas from {stop:yyyy-MM-dd}");
        if (scenario.ProcessingTimeFactor != 1) parts.Add($"processing times ×{scenario.ProcessingTimeFactor.ToString(CultureInfo.InvariantCulture)}");
        if (scenario.RefusalRate is { } rate) parts.Add($"refusal rate {rate.ToString("0.##", CultureInfo.InvariantCulture)}");
        foreach (var e in scenario.Expulsions ?? []) parts.Add($"{e.Count} more {e.Category} staff expelled, leave by {e.LeaveBy:yyyy-MM-dd}");
        foreach (var c in scenario.Caps ?? []) parts.Add($"cap of {c.Limit}{(c.Category is { } cat ? $" {cat} staff" : " members")} from {c.InForceFrom:yyyy-MM-dd}");
        return parts.Count == 0 ? "no change" : string.Join("; ", parts);
    }

    private static DateOnly? Date(Validator v, string field, string? text, string expected = "a date as yyyy-mm-dd, e.g. 2021-08-15")
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        v.Add(field, $"{field} '{text}' is not {expected}.");
        return null;
    }

    private static int? Int(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
        v.Add(field, $"{field} '{text}' is not a whole number.");
        return null;
    }

    private static double? Number(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        v.Add(field, $"{field} '{text}' is not a number; write it with a decimal point, e.g. 1.5.");
        return null;
    }

    private static (int Count, DateOnly On, StaffCategory? Category)? CountOn(Validator v, string field, string text)
    {
        var example = field == "expel" ? "5@2021-10-01 or 5@2021-10-01:AdministrativeTechnical" : "20@2021-10-01 or 20@2021-10-01:Diplomatic";
        var at = text.Split('@', 2, StringSplitOptions.TrimEntries);
        var rest = at.Length == 2 ? at[1].Split(':', 2, StringSplitOptions.TrimEntries) : [""];
        if (at.Length != 2
            || !int.TryParse(at[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !DateOnly.TryParseExact(rest[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            v.Add(field, $"{field} '{text}' is not a count and a date; write it as {example}.");
            return null;
        }
        if (rest.Length == 1) return (count, on, null);
        if (!rest[1].Any(char.IsDigit) && Enum.TryParse<StaffCategory>(rest[1], ignoreCase: true, out var category)
            && Enum.IsDefined(category) && category != StaffCategory.PrivateServant)
            return (count, on, category);
        v.Add(field, $"{field} '{text}': category '{rest[1]}' is not known; use one of {string.Join(", ", StaffingMinimumService.Categories)}.");
        return null;
    }
}
