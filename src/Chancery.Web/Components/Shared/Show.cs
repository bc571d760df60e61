using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;

namespace Chancery.Web.Components.Shared;

/// <summary>How the pages write values: ISO dates (2021-09-03, never 09/03/21) and plain-English labels.</summary>
public static class Show
{
    /// <summary>ISO calendar date, or a dash when there is none.</summary>
    public static string Date(DateOnly? date) => IsoDate.Format(date) ?? "—";

    /// <summary>Staff category as a heading (VCDR art. 1).</summary>
    public static string Category(StaffCategory category) => category switch
    {
        StaffCategory.HeadOfMission => "Head of mission",
        StaffCategory.Diplomatic => "Diplomatic staff",
        StaffCategory.AdministrativeTechnical => "Administrative and technical staff",
        StaffCategory.Service => "Service staff",
        StaffCategory.LocallyEngaged => "Locally engaged staff",
        StaffCategory.PrivateServant => "Private servants",
        _ => category.ToString(),
    };

    /// <summary>Visa status as a word.</summary>
    public static string Status(VisaStatus status) => status switch
    {
        VisaStatus.NotYetValid => "Not yet valid",
        VisaStatus.InGracePeriod => "In grace period",
        _ => status.ToString(),
    };

    /// <summary>Visa status as words, with the last day of grace when in the grace period: "In grace period until 2021-10-03".</summary>
    public static string Status(VisaStatus status, DateOnly? graceUntil) =>
        status == VisaStatus.InGracePeriod && graceUntil is { } until ? $"In grace period until {Date(until)}" : Status(status);

    /// <summary>Mission kind as a word.</summary>
    public static string Kind(MissionKind kind) => MissionLabels.Kind(kind);

    /// <summary>End reason as words.</summary>
    public static string Reason(EndReason? reason) => reason switch
    {
        null => "",
        EndReason.EndOfTour => "End of tour",
        EndReason.PersonaNonGrata => "Persona non grata",
        EndReason.AskedToLeave => "Asked to leave",
        EndReason.SizeReduction => "Size reduction",
        var r => r.ToString()!,
    };
}
