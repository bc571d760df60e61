using System.Globalization;
using Chancery.Core.Policies;
using Chancery.Core.Visas;

namespace Chancery.Core.Calendar;

/// <summary>What a calendar deadline is.</summary>
public enum DeadlineKind
{
    /// <summary>The last day of the current visa.</summary>
    VisaExpiry,
    /// <summary>The last day to file a renewal: the visa's end minus the host policy's renewal lead time.</summary>
    RenewalLead,
    /// <summary>The day the holder has been N years in post and must apply for a new visa, not a renewal (host policy).</summary>
    Reapplication,
    /// <summary>The leave-by date of a departure order naming the person.</summary>
    LeaveBy,
}

/// <summary>A deadline on one day; <see cref="Uid"/> stays the same for the same fact, so calendars update rather than duplicate.</summary>
public sealed record Deadline(
    string Uid, DeadlineKind Kind, DateOnly On, Guid PersonId, string PersonName, Guid MissionId, string MissionLabel, string Summary, string Description);

/// <summary>A person present at a mission, as the deadline rules need them.</summary>
public sealed record DeadlinePresence(Guid PersonId, string Name, string NationalityCode, Guid MissionId, bool IsStaff, DateOnly? AssignmentStartOn);

/// <summary>A mission, as the deadline rules need it.</summary>
public sealed record DeadlineMission(Guid Id, string Label, string SendingStateCode, string ReceivingStateCode);

/// <summary>A person named in a departure order and still to leave.</summary>
public sealed record PendingDeparture(Guid OrderId, Guid PersonId, string Name, Guid MissionId, DateOnly LeaveBy);

/// <summary>Everything the deadlines of a date are computed from.</summary>
public sealed record DeadlineInputs(
    DateOnly AsOf, IReadOnlyCollection<DeadlineMission> Missions, IReadOnlyCollection<DeadlinePresence> Present,
    IReadOnlyCollection<AlertVisa> Visas, IReadOnlyCollection<HostPolicy> Policies, IReadOnlyCollection<PendingDeparture> Departures);

/// <summary>
/// Pure rules: the deadlines of the people present on a date. For each person who needs a visa of the receiving state,
/// the current visa (<see cref="VisaRules.Current{T}"/>) gives its expiry, the renewal lead date when the host policy sets
/// a lead time, and for staff the N-years reapplication date when it falls within the visa's validity; each pending
/// departure gives its leave-by date.
/// </summary>
public static class DeadlineRules
{
    /// <summary>The deadlines, sorted by day, then person, then kind.</summary>
    public static IReadOnlyList<Deadline> Evaluate(DeadlineInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var d = inputs.AsOf;
        var missions = inputs.Missions.ToDictionary(m => m.Id);
        var visasByHolder = inputs.Visas.ToLookup(v => v.HolderId);
        var deadlines = new List<Deadline>();
        foreach (var p in inputs.Present.DistinctBy(p => (p.PersonId, p.MissionId)))
        {
            if (!missions.TryGetValue(p.MissionId, out var m)) continue;
            if (string.Equals(p.NationalityCode, m.ReceivingStateCode, StringComparison.OrdinalIgnoreCase)) continue;
            var visa = VisaRules.Current(
                visasByHolder[p.PersonId].Where(v => string.Equals(v.IssuingStateCode, m.ReceivingStateCode, StringComparison.OrdinalIgnoreCase)),
                d, v => new VisaDates(v.ValidFrom, v.ValidUntil, v.CancelledOn));
            if (visa is null || visa.CancelledOn is { } cancelled && cancelled <= d) continue;
            var policy = PolicyRules.InForce(inputs.Policies, m.ReceivingStateCode, m.SendingStateCode, d);
            void Add(DeadlineKind kind, DateOnly on, string summary, string description) =>
                deadlines.Add(new($"{Slug(kind)}-{visa.Id:N}@chancery", kind, on, p.PersonId, p.Name, m.Id, m.Label, $"{summary}: {p.Name}", description));

            Add(DeadlineKind.VisaExpiry, visa.ValidUntil, "Visa ends",
                $"The visa of {p.Name} ({m.Label}) is valid until {Day(visa.ValidUntil)}.");
            if (policy?.RenewalLeadDays is { } lead)
                Add(DeadlineKind.RenewalLead, visa.ValidUntil.AddDays(-lead), "File visa renewal",
                    $"Last day to file the renewal: {lead} days before the visa ends {Day(visa.ValidUntil)} (host policy).");
            if (p.IsStaff && policy?.ReapplyAfterYears is { } years && p.AssignmentStartOn is { } start && start.AddYears(years) is var reapply && reapply <= visa.ValidUntil)
                Add(DeadlineKind.Reapplication, reapply, "Reapply for a new visa",
                    $"In post since {Day(start)}: after {years} years a new visa must be applied for, not a renewal, before the current one ends {Day(visa.ValidUntil)}.");
        }
        foreach (var o in inputs.Departures)
        {
            if (!missions.TryGetValue(o.MissionId, out var m)) continue;
            deadlines.Add(new($"leave-by-{o.OrderId:N}-{o.PersonId:N}@chancery", DeadlineKind.LeaveBy, o.LeaveBy, o.PersonId, o.Name, m.Id, m.Label,
                $"Leave by: {o.Name}", $"{o.Name} ({m.Label}) is named in a departure order and must leave by {Day(o.LeaveBy)}."));
        }
        return [.. deadlines.OrderBy(x => x.On).ThenBy(x => x.PersonName, StringComparer.Ordinal).ThenBy(x => x.Kind).ThenBy(x => x.Uid, StringComparer.Ordinal)];
    }

    private static string Slug(DeadlineKind kind) => kind switch
    {
        DeadlineKind.VisaExpiry => "visa-expiry",
        DeadlineKind.RenewalLead => "renewal-lead",
        DeadlineKind.Reapplication => "reapplication",
        _ => "leave-by",
    };

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
