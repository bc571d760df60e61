namespace Chancery.Core.Common;

/// <summary>Dates from the injected clock; code that decides never reads the system clock itself.</summary>
public static class Clock
{
    /// <summary>Today's calendar date in the server's time zone.</summary>
    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }
}
