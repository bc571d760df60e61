using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Chancery.Core.Visas;

/// <summary>
/// Days left before a due date at which an alert becomes critical, a warning, or a notice (settings
/// <c>Alerts:ExpiringDays:Critical|Warning|Notice</c>, defaults 7 / 30 / 90). A visa ending further away than the
/// notice threshold raises no expiry alert.
/// </summary>
public sealed record AlertSettings(int CriticalDays, int WarningDays, int NoticeDays)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Alerts:ExpiringDays";

    /// <summary>
    /// Above this many people present, the alerts read their nationalities and visas by scanning the two tables once
    /// (rows of others skipped as they stream by) rather than by looking each person up: at the scale of a whole
    /// registry (some 200,000 present, 760,000 visas) one pass costs a fraction of the lookups. Both ways give the same
    /// alerts; tests set it to 0 to run every case through the scan.
    /// </summary>
    internal int ScanAbovePeople { get; init; } = 20_000;

    /// <summary>7 / 30 / 90 days.</summary>
    public static AlertSettings Default { get; } = new(7, 30, 90);

    /// <summary>
    /// Reads and checks the thresholds: each a positive whole number, critical &lt; warning &lt; notice. A bad value stops
    /// the start with a message naming the setting, rather than silently raising alerts at the wrong time.
    /// </summary>
    public static AlertSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var critical = Read(configuration, "Critical", Default.CriticalDays);
        var warning = Read(configuration, "Warning", Default.WarningDays);
        var notice = Read(configuration, "Notice", Default.NoticeDays);
        if (warning <= critical)
            throw new InvalidOperationException($"Setting {Section}:Warning is {warning}, not more than {Section}:Critical ({critical}); the thresholds must ascend: Critical < Warning < Notice.");
        if (notice <= warning)
            throw new InvalidOperationException($"Setting {Section}:Notice is {notice}, not more than {Section}:Warning ({warning}); the thresholds must ascend: Critical < Warning < Notice.");
        return new(critical, warning, notice);
    }

    private static int Read(IConfiguration configuration, string name, int fallback)
    {
        var text = configuration[$"{Section}:{name}"];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days <= 0)
            throw new InvalidOperationException($"Setting {Section}:{name} is '{text}'; write a positive whole number of days, e.g. {fallback}, or remove it to use {fallback}.");
        return days;
    }

    /// <summary>Severity for <paramref name="daysLeft"/> days before the due date.</summary>
    public AlertSeverity SeverityFor(int daysLeft) =>
        daysLeft <= CriticalDays ? AlertSeverity.Critical : daysLeft <= WarningDays ? AlertSeverity.Warning : AlertSeverity.Notice;
}
