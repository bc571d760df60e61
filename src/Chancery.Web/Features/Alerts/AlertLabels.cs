using Chancery.Core.Visas;

namespace Chancery.Web.Features.Alerts;

/// <summary>How alerts read on the pages.</summary>
public static class AlertLabels
{
    /// <summary>"Visa expiring" rather than VisaExpiring.</summary>
    public static string Kind(AlertKind kind) => kind switch
    {
        AlertKind.VisaExpiring => "Visa expiring",
        AlertKind.RenewalLate => "Renewal late",
        AlertKind.ReapplicationDue => "Reapplication due",
        AlertKind.GraceEnding => "Grace period ending",
        AlertKind.Overstay => "Overstay",
        AlertKind.FamilyVisaLost => "Family member's visa lost",
        AlertKind.ApplicationSlow => "Application slow",
        _ => kind.ToString(),
    };

    /// <summary>When the due date falls, counted from the as-of date.</summary>
    public static string DueIn(DateOnly due, DateOnly asOf) => (due.DayNumber - asOf.DayNumber) switch
    {
        0 => "today",
        1 => "tomorrow",
        var n => $"in {n} days",
    };
}
