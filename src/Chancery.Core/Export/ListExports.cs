using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;

namespace Chancery.Core.Export;

/// <summary>A roster line: a staff member, or one of their household listed under them.</summary>
public sealed record RosterLine(RosterEntry Staff, RosterFamilyMember? Family)
{
    /// <summary>The staff member, then each household member.</summary>
    public static IEnumerable<RosterLine> Of(MissionRoster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        foreach (var s in roster.Staff)
        {
            yield return new(s, null);
            foreach (var f in s.Family) yield return new(s, f);
        }
    }
}

/// <summary>A headcount line: a staff category or a total, with its counts.</summary>
public sealed record HeadcountLine(string Group, HeadcountCount Count)
{
    /// <summary>Each category, then members, family and private servants.</summary>
    public static IEnumerable<HeadcountLine> Of(Headcount headcount)
    {
        ArgumentNullException.ThrowIfNull(headcount);
        foreach (var c in headcount.Categories) yield return new(c.Category.ToString(), c.Count);
        yield return new("Members", headcount.Members);
        yield return new("Family", headcount.Family);
        yield return new("Private servants", headcount.PrivateServants);
    }
}

/// <summary>The columns of every list the UI shows that can be exported; the API and the CLI share them.</summary>
public static class ListExports
{
    /// <summary>The missions list.</summary>
    public static readonly TableExport<MissionDto> Missions = new("missions",
    [
        new("Mission", m => m.Label),
        new("Sending state", m => m.SendingStateCode),
        new("Receiving state", m => m.ReceivingStateCode),
        new("Kind", m => m.Kind),
        new("City", m => m.City),
        new("Status", m => m.Status),
        new("Opened", m => m.OpenedOn),
        new("Closed", m => m.ClosedOn),
        new("Staff", m => m.StaffCount),
        new("Mission id", m => m.Id),
    ]);

    /// <summary>A mission's staff roster, each household member under their principal.</summary>
    public static readonly TableExport<RosterLine> Roster = new("roster",
    [
        new("Name", l => l.Family?.Name ?? l.Staff.Name),
        new("Original name", l => l.Family is { } f ? f.OriginalName : l.Staff.OriginalName),
        new("Role", l => l.Family is { } f ? f.Relationship.ToString() : "Staff"),
        new("Principal", l => l.Family is null ? null : l.Staff.Name),
        new("Category", l => l.Staff.Category),
        new("Title", l => l.Family is null ? l.Staff.Title : null),
        new("Rank", l => l.Family is null ? l.Staff.Rank : null),
        new("Start", l => l.Family is null ? l.Staff.StartOn : null),
        new("Planned end", l => l.Family is null ? l.Staff.PlannedEndOn : null),
        new("Visa category", l => Visa(l)?.CategoryCode),
        new("Visa valid from", l => Visa(l)?.ValidFrom),
        new("Visa valid until", l => Visa(l)?.ValidUntil),
        new("Visa status", l => Visa(l)?.Status),
        new("Grace until", l => Visa(l)?.GraceUntil),
        new("Person id", l => l.Family?.PersonId ?? l.Staff.PersonId),
    ]);

    /// <summary>The alerts list.</summary>
    public static readonly TableExport<Alert> Alerts = new("alerts",
    [
        new("Severity", a => a.Severity),
        new("Due", a => a.Due),
        new("Kind", a => a.Kind),
        new("Person", a => a.PersonName),
        new("Role", a => a.Role),
        new("Mission", a => a.MissionLabel),
        new("What to do", a => a.Message),
        new("Person id", a => a.PersonId),
        new("Mission id", a => a.MissionId),
    ]);

    /// <summary>Travel risk: counts per mission.</summary>
    public static readonly TableExport<TravelRiskMission> TravelRiskMissions = new("travel-risk",
    [
        new("Mission", m => m.Label),
        new("Sending state", m => m.SendingStateCode),
        new("Receiving state", m => m.ReceivingStateCode),
        new("City", m => m.City),
        new("Staff present", m => m.StaffPresent),
        new("Staff at risk", m => m.StaffAtRisk),
        new("Family present", m => m.FamilyPresent),
        new("Family at risk", m => m.FamilyAtRisk),
        new("Total at risk", m => m.TotalAtRisk),
        new("Mission id", m => m.MissionId),
    ]);

    /// <summary>Travel risk: the people at risk, with their reasons.</summary>
    public static readonly TableExport<PersonAtRisk> TravelRiskPeople = new("travel-risk-people",
    [
        new("Name", p => p.Name),
        new("Role", p => p.Role),
        new("Staff", p => p.IsStaff),
        new("Principal", p => p.PrincipalName),
        new("Visa category", p => p.VisaCategory),
        new("Visa valid until", p => p.ValidUntil),
        new("Reasons", p => string.Join("; ", p.Reasons.Select(r => r.Text))),
        new("Person id", p => p.PersonId),
        new("Mission id", p => p.MissionId),
    ]);

    /// <summary>A mission's posts vacant or about to be.</summary>
    public static readonly TableExport<Vacancy> Vacancies = new("vacancies",
    [
        new("Post", v => v.Title),
        new("Category", v => v.Category),
        new("Vacant now", v => v.Vacant),
        new("Vacant from", v => v.VacantFrom),
        new("Reason", v => v.Reason),
        new("Holder", v => v.HolderName),
        new("Nominee", v => v.Nominee?.NomineeName),
        new("Replacement", v => v.Replacement),
        new("Post id", v => v.PostId),
    ]);

    /// <summary>A mission's headcount on a date.</summary>
    public static readonly TableExport<HeadcountLine> Headcount = new("headcount",
    [
        new("Group", l => l.Group),
        new("Present", l => l.Count.Present),
        new("Ordered out", l => l.Count.OrderedOut),
        new("Visa lapsed", l => l.Count.VisaLapsed),
        new("Arriving", l => l.Count.Arriving),
    ]);

    /// <summary>A mission's daily headcount between two dates.</summary>
    public static readonly TableExport<HeadcountPoint> HeadcountTimeline = new("headcount-timeline",
    [
        new("Date", p => p.On),
        new("Members", p => p.Members),
        new("Family", p => p.Family),
        new("Private servants", p => p.PrivateServants),
    ]);

    /// <summary>Visa processing-time statistics.</summary>
    public static readonly TableExport<VisaStatisticsRow> VisaStatistics = new("visa-statistics",
    [
        new("Issuing state", r => r.IssuingStateCode),
        new("Applicant state", r => r.ApplicantStateCode),
        new("Category", r => r.CategoryCode),
        new("Decided", r => r.DecidedCount),
        new("Granted", r => r.GrantedCount),
        new("Refused", r => r.RefusedCount),
        new("Median days", r => r.MedianDays),
        new("P90 days", r => r.P90Days),
        new("Refusal rate", r => r.RefusalRate),
        new("Withdrawn", r => r.WithdrawnCount),
        new("Pending", r => r.PendingCount),
        new("Median pending days", r => r.MedianPendingDays),
        new("Oldest pending days", r => r.OldestPendingDays),
    ]);

    /// <summary>Departure orders with their progress on a date.</summary>
    public static readonly TableExport<DepartureOrderSummaryDto> DepartureOrders = new("departure-orders",
    [
        new("Mission", o => o.MissionLabel),
        new("Kind", o => o.Kind),
        new("Issued", o => o.IssuedOn),
        new("Leave by", o => o.LeaveBy),
        new("Basis", o => o.Basis),
        new("Pending", o => o.Counts.Pending),
        new("Overstayed", o => o.Counts.Overstayed),
        new("Departed", o => o.Counts.Departed),
        new("Rescinded", o => o.Counts.Rescinded),
        new("Order id", o => o.Id),
    ]);

    private static VisaSummary? Visa(RosterLine l) => l.Family is { } f ? f.Visa : l.Staff.Visa;
}
