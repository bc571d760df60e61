using System.Globalization;

namespace Chancery.Core.Common;

/// <summary>
/// The date a view is computed for when the caller names none ("as of"): today from the injected clock, unless
/// the installation pins a date (setting <c>AsOf:Default</c>, yyyy-mm-dd). The demo pins its reference date, so
/// its story reads on the day it is about rather than years later, when every visa in it has expired.
/// </summary>
public sealed class DefaultAsOf(TimeProvider clock, DateOnly? pinned = null)
{
    /// <summary>The setting that pins the default date.</summary>
    public const string SettingName = "AsOf:Default";

    /// <summary>The pinned date, if any.</summary>
    public DateOnly? Pinned => pinned;

    /// <summary>The default as-of date: the pinned date, else today.</summary>
    public DateOnly Today() => pinned ?? clock.Today();

    /// <summary>The date asked for, or the default.</summary>
    public DateOnly Resolve(DateOnly? asOf) => asOf ?? Today();

    /// <summary>Reads the setting; a malformed value stops the start with a message naming the setting.</summary>
    public static DateOnly? ParseSetting(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new InvalidOperationException($"Setting {SettingName} is '{value}', which is not a date; write it as yyyy-mm-dd, e.g. 2021-08-15, or remove it to use today.");
    }
}
