using System.Globalization;
using System.Runtime.InteropServices;
using Chancery.Core.Policies;

namespace Chancery.Core.Visas;

/// <summary>What an alert is about, in the order the dashboard explains them.</summary>
public enum AlertKind
{
    /// <summary>The current visa ends within the notice threshold.</summary>
    VisaExpiring,
    /// <summary>The host policy's renewal lead time has passed and no application covers the visa.</summary>
    RenewalLate,
    /// <summary>After N years in post the holder must apply for a new visa, not a renewal, before the current one ends.</summary>
    ReapplicationDue,
    /// <summary>The visa has ended; the grace period to leave has not.</summary>
    GraceEnding,
    /// <summary>No valid visa while still present at the mission.</summary>
    Overstay,
    /// <summary>A family member's visa is cancelled or ended while the principal's is valid.</summary>
    FamilyVisaLost,
    /// <summary>An application has been pending longer than the issuing state usually takes.</summary>
    ApplicationSlow,
}

/// <summary>How soon someone must act; sorted most urgent first.</summary>
public enum AlertSeverity
{
    /// <summary>Act now.</summary>
    Critical,
    /// <summary>Act soon.</summary>
    Warning,
    /// <summary>Plan for it.</summary>
    Notice,
}

/// <summary>Whether the person is at the mission as staff or as a household member.</summary>
public enum AlertRole
{
    /// <summary>Holds an assignment at the mission.</summary>
    Staff,
    /// <summary>Household member of someone assigned there.</summary>
    Family,
}

/// <summary>A derived, dated warning: who must act, by when, and what to do. Never stored.</summary>
public sealed record Alert(
    AlertKind Kind, AlertSeverity Severity, Guid PersonId, string PersonName, Guid MissionId, string MissionLabel,
    AlertRole Role, DateOnly Due, Guid? VisaId, Guid? ApplicationId, string Message);

/// <summary>A mission as alerts need it.</summary>
public sealed record AlertMission(Guid Id, string SendingStateCode, string ReceivingStateCode, string Label);

/// <summary>
/// A person present at a mission on the as-of date: staff (with the start of the active assignment) or family (with
/// the principal, whose assignment at the same mission is active too).
/// </summary>
public sealed record AlertPresence(
    Guid PersonId, string PersonName, string NationalityCode, Guid MissionId, AlertRole Role,
    DateOnly? AssignmentStartOn = null, Guid? PrincipalPersonId = null);

/// <summary>A visa as alerts need it.</summary>
public sealed record AlertVisa(Guid Id, Guid HolderId, string IssuingStateCode, DateOnly ValidFrom, DateOnly ValidUntil, DateOnly? CancelledOn)
{
    /// <summary>The dates that decide its validity.</summary>
    public VisaDates Dates => new(ValidFrom, ValidUntil, CancelledOn);
}

/// <summary>An application of a present person, as alerts need it.</summary>
public sealed record AlertApplication(
    Guid Id, Guid ApplicantId, VisaApplicationKind Kind, string IssuingStateCode, string CategoryCode,
    DateOnly FiledOn, DateOnly? DecidedOn, VisaApplicationOutcome Outcome);

/// <summary>
/// Everything the alert rules look at for one date. <see cref="Reference"/> holds decided applications (with their
/// applicant state resolved) from which processing times are measured; the others concern the present people.
/// </summary>
public sealed record AlertInputs(
    DateOnly AsOf,
    IReadOnlyCollection<AlertMission> Missions,
    IReadOnlyCollection<AlertPresence> Present,
    IReadOnlyCollection<AlertVisa> Visas,
    IReadOnlyCollection<AlertApplication> Applications,
    IReadOnlyCollection<HostPolicy> Policies,
    IReadOnlyCollection<ResolvedApplication> Reference);

/// <summary>
/// Pure alert rules (see docs: alert semantics): the present people of each mission, their visas issued by the
/// receiving state, their applications, the host policy in force, a date; out come the alerts, most urgent first.
/// </summary>
public static class AlertRules
{
    /// <summary>Fewer decisions than this and a processing time says nothing: no slow-application alert.</summary>
    public const int MinimumReference = 5;

    /// <summary>All alerts for <paramref name="inputs"/>, sorted by severity (critical first), due date, person name.</summary>
    public static IReadOnlyList<Alert> Evaluate(AlertInputs inputs, AlertSettings settings) => Sort(EvaluateUnsorted(inputs, settings));

    /// <summary>From this many people present on, the people are evaluated in two halves at once (a whole registry).</summary>
    internal const int ParallelAbove = 20_000;

    /// <summary>
    /// The alerts of <see cref="Evaluate"/> in no particular order, for a caller that sorts them itself once named.
    /// <paramref name="index"/>, from a caller that folded the inputs as it read them, saves indexing them again.
    /// </summary>
    internal static List<Alert> EvaluateUnsorted(AlertInputs inputs, AlertSettings settings, int parallelAbove = ParallelAbove, AlertIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        var d = inputs.AsOf;
        var parts = inputs.Present.Count >= parallelAbove ? 2 : 1;
        index ??= AlertIndex.Of(inputs, parts > 1);
        var missions = inputs.Missions.ToDictionary(m => m.Id);
        var applicationsByPerson = inputs.Applications.Where(a => a.FiledOn <= d).ToLookup(a => a.ApplicantId);
        var policiesByReceiving = inputs.Policies.ToLookup(p => p.ReceivingStateCode, StringComparer.OrdinalIgnoreCase);
        var reference = ReferenceTimes.Index(inputs.Reference, d);
        // Staff first: someone who is both staff and a colleague's spouse is alerted as staff. The halves split by person,
        // so that all of one person's presences are in one half, in this order.
        IReadOnlyList<AlertPresence> ordered = StaffFirst(inputs.Present) && inputs.Present is IReadOnlyList<AlertPresence> list
            ? list : [.. inputs.Present.OrderBy(p => p.Role)];
        var shared = new Shared(d, settings, missions, index, applicationsByPerson, policiesByReceiving, reference);
        if (parts == 1) return EvaluatePart(shared, ordered, 0, 1);
        var results = new List<Alert>[parts];
        Parallel.For(0, parts, part => results[part] = EvaluatePart(shared, ordered, part, parts));
        return [.. results.SelectMany(r => r)];
    }

    // Whether the staff already come before the family (as the alert service reads them): no sort needed then.
    private static bool StaffFirst(IEnumerable<AlertPresence> present)
    {
        var family = false;
        foreach (var p in present)
        {
            if (p.Role == AlertRole.Family) family = true;
            else if (family) return false;
        }
        return true;
    }

    // What every half reads and nobody writes.
    private sealed record Shared(
        DateOnly AsOf, AlertSettings Settings, Dictionary<Guid, AlertMission> Missions, AlertIndex Index,
        ILookup<Guid, AlertApplication> ApplicationsByPerson, ILookup<string, HostPolicy> PoliciesByReceiving,
        ILookup<(string, string), ResolvedApplication> Reference);

    // The alerts of the people of one half (all of them when there is one), with caches of its own.
    private static List<Alert> EvaluatePart(Shared shared, IReadOnlyList<AlertPresence> ordered, int part, int parts)
    {
        var d = shared.AsOf;
        var settings = shared.Settings;
        var policies = new Dictionary<(string, string), HostPolicy?>();
        var reference = new ReferenceTimes(shared.Reference);

        HostPolicy? PolicyOf(AlertMission m)
        {
            if (!policies.TryGetValue((m.ReceivingStateCode, m.SendingStateCode), out var p))
                policies[(m.ReceivingStateCode, m.SendingStateCode)] = p = PolicyRules.InForce(shared.PoliciesByReceiving[m.ReceivingStateCode], m.ReceivingStateCode, m.SendingStateCode, d);
            return p;
        }

        AlertVisa? CurrentVisa(Guid person, string receiving) => shared.Index.Current.GetValueOrDefault((person, receiving.ToUpperInvariant()));

        // A principal who is a national of the receiving state needs no visa: their household stays lawfully with them.
        bool PrincipalStays(Guid principal, string receiving) =>
            (shared.Index.NationalityOf(principal) is { } n && string.Equals(n, receiving, StringComparison.OrdinalIgnoreCase))
            || IsValidOn(CurrentVisa(principal, receiving), d);

        var raise = new Raiser();
        foreach (var p in ordered)
        {
            if (parts > 1 && (uint)p.PersonId.GetHashCode() % (uint)parts != part) continue;
            if (!shared.Missions.TryGetValue(p.MissionId, out var m)) continue;
            (raise.Person, raise.Mission) = (p, m);

            var policy = PolicyOf(m);
            // Most people have no application open: no lookup result to filter for them.
            var applied = shared.ApplicationsByPerson.Contains(p.PersonId);
            var applications = applied ? shared.ApplicationsByPerson[p.PersonId] : [];
            if (!string.Equals(p.NationalityCode, m.ReceivingStateCode, StringComparison.OrdinalIgnoreCase))
                VisaAlerts(p, m, policy, CurrentVisa(p.PersonId, m.ReceivingStateCode), applications, settings, d,
                    p.Role == AlertRole.Family && p.PrincipalPersonId is { } principal && PrincipalStays(principal, m.ReceivingStateCode), raise);
            if (applied) SlowApplication(p, m, applications, reference, d, raise);
        }
        return raise.Alerts;
    }

    /// <summary>Alerts sorted by severity (critical first), due date, person name, then kind and person for a stable order.</summary>
    public static IReadOnlyList<Alert> Sort(IEnumerable<Alert> alerts) =>
        [.. alerts.OrderBy(a => a.Severity).ThenBy(a => a.Due).ThenBy(a => a.PersonName, StringComparer.Ordinal)
            .ThenBy(a => a.Kind).ThenBy(a => a.PersonId).ThenBy(a => a.MissionId)];

    // Collects the alerts of one half, at most one of each kind a person, for the person and mission being evaluated.
    private sealed class Raiser
    {
        private readonly HashSet<(Guid, AlertKind)> _raised = [];

        public List<Alert> Alerts { get; } = [];

        public AlertPresence Person { get; set; } = null!;

        public AlertMission Mission { get; set; } = null!;

        public void Add(AlertKind kind, AlertSeverity severity, DateOnly due, Guid? visaId, Guid? applicationId, string message)
        {
            if (_raised.Add((Person.PersonId, kind)))
                Alerts.Add(new Alert(kind, severity, Person.PersonId, Person.PersonName, Mission.Id, Mission.Label, Person.Role, due, visaId, applicationId, message));
        }
    }

    private static bool IsValidOn(AlertVisa? v, DateOnly d) => v is not null && v.Dates.IsValidOn(d);

    /// <summary>
    /// An application covers a visa when filed on or after its first valid day and by the date, and on the date it is
    /// pending or granted; withdrawn and refused ones do not.
    /// </summary>
    public static bool Covers(AlertApplication application, AlertVisa visa, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(visa);
        if (application.FiledOn > date || application.FiledOn < visa.ValidFrom) return false;
        var pending = application.DecidedOn is not { } decided || decided > date;
        return pending || application.Outcome == VisaApplicationOutcome.Granted;
    }

    private static void VisaAlerts(
        AlertPresence p, AlertMission m, HostPolicy? policy, AlertVisa? visa, IEnumerable<AlertApplication> applications,
        AlertSettings settings, DateOnly d, bool principalStays, Raiser raise)
    {
        if (IsValidOn(visa, d))
        {
            var v = visa!;
            var left = v.ValidUntil.DayNumber - d.DayNumber;
            // Far from its end (beyond the notice threshold and the renewal lead time) a valid visa raises nothing.
            if (left > settings.NoticeDays && (policy?.RenewalLeadDays is not { } leadDays || left >= leadDays)) return;
            // The first filed of those that cover the visa (the earlier in the list on a tie).
            AlertApplication? covering = null;
            foreach (var a in applications)
                if (Covers(a, v, d) && (covering is null || a.FiledOn < covering.FiledOn)) covering = a;
            if (left <= settings.NoticeDays)
                raise.Add(AlertKind.VisaExpiring, settings.SeverityFor(left), v.ValidUntil, v.Id, covering?.Id, covering is null
                    ? $"Visa ends {Day(v.ValidUntil)} ({DaysLeft(left)}): file a renewal before then."
                    : $"Visa ends {Day(v.ValidUntil)} ({DaysLeft(left)}); the {Kind(covering.Kind)} filed {Day(covering.FiledOn)} covers it: follow it up until the new visa is issued.");
            if (policy?.RenewalLeadDays is { } lead && left < lead && covering is null)
                raise.Add(AlertKind.RenewalLate, left <= settings.CriticalDays ? AlertSeverity.Critical : AlertSeverity.Warning, v.ValidUntil, v.Id, null,
                    $"The renewal was due by {Day(v.ValidUntil.AddDays(-lead))} ({lead} days before the visa ends {Day(v.ValidUntil)}): file it now.");
            if (p.Role == AlertRole.Staff && policy?.ReapplyAfterYears is { } years && p.AssignmentStartOn is { } start
                && start.AddYears(years) is var reapplyOn && reapplyOn <= v.ValidUntil && left <= settings.NoticeDays
                && !applications.Any(a => a.Kind == VisaApplicationKind.New && Covers(a, v, d)))
                raise.Add(AlertKind.ReapplicationDue, settings.SeverityFor(left), v.ValidUntil, v.Id, null,
                    $"In post since {Day(start)}, {years} years by {Day(reapplyOn)}: apply for a new visa, not a renewal, before the current one ends {Day(v.ValidUntil)}.");
            return;
        }

        var grace = policy?.GraceDays ?? 0;
        var status = visa is null ? (VisaStatus?)null : VisaRules.StatusOn(visa.Dates, d, graceDays: grace);
        // A visa not yet valid is neither lost nor overstayed: the holder is waiting for it to start.
        if (status == VisaStatus.NotYetValid) return;
        var what = status switch
        {
            null => "No visa of the receiving state is recorded",
            VisaStatus.Cancelled => $"The visa was cancelled on {Day(visa!.CancelledOn!.Value)}",
            _ => $"The visa ended {Day(visa!.ValidUntil)}",
        };
        if (p.Role == AlertRole.Family && principalStays)
        {
            raise.Add(AlertKind.FamilyVisaLost, AlertSeverity.Warning, d, visa?.Id, null,
                $"{what} while the principal stays: apply for a new visa for this family member, or record their departure.");
            return;
        }
        if (status == VisaStatus.InGracePeriod)
        {
            var due = visa!.ValidUntil.AddDays(grace);
            raise.Add(AlertKind.GraceEnding, AlertSeverity.Critical, due, visa.Id, null,
                $"{what}; the grace period to leave ends {Day(due)}: obtain the new visa or arrange the departure by then.");
            return;
        }
        raise.Add(AlertKind.Overstay, AlertSeverity.Critical, d, visa?.Id, null,
            $"{what} and the person is still at the mission on {Day(d)}: obtain a visa now or record the departure.");
    }

    private static void SlowApplication(AlertPresence p, AlertMission m, IEnumerable<AlertApplication> applications, ReferenceTimes reference, DateOnly d, Raiser raise)
    {
        List<AlertApplication>? pending = null;
        foreach (var a in applications)
            if (a.FiledOn <= d && (a.DecidedOn is not { } x || x > d)) (pending ??= []).Add(a);
        if (pending is null) return;
        if (pending.Count > 1) pending.Sort((x, y) => x.FiledOn != y.FiledOn ? x.FiledOn.CompareTo(y.FiledOn) : x.Id.CompareTo(y.Id));
        foreach (var a in pending)
        {
            if (reference.For(a.IssuingStateCode, m.SendingStateCode, a.CategoryCode) is not { } times) continue;
            var age = d.DayNumber - a.FiledOn.DayNumber;
            var issuer = States.StateCodes.NameOf(a.IssuingStateCode);
            if (age > times.P90Days)
                raise.Add(AlertKind.ApplicationSlow, AlertSeverity.Warning, d, null, a.Id,
                    $"The {Kind(a.Kind)} filed {Day(a.FiledOn)} has been pending {age} days, longer than 9 in 10 decisions of {issuer} ({times.P90Days} days): raise it with the ministry now.");
            else if (age > times.MedianDays)
                raise.Add(AlertKind.ApplicationSlow, AlertSeverity.Notice, a.FiledOn.AddDays(times.P90Days), null, a.Id,
                    $"The {Kind(a.Kind)} filed {Day(a.FiledOn)} has been pending {age} days, longer than half the decisions of {issuer} ({times.MedianDays} days): follow it up; 9 in 10 are decided by {Day(a.FiledOn.AddDays(times.P90Days))}.");
        }
    }

    /// <summary>Processing times of the year before the date, by issuing state, applicant state and category (or all categories).</summary>
    private sealed class ReferenceTimes(ILookup<(string, string), ResolvedApplication> byPair)
    {
        /// <summary>The decisions of the year before the date by issuing state and applicant state, upper case.</summary>
        public static ILookup<(string, string), ResolvedApplication> Index(IReadOnlyCollection<ResolvedApplication> reference, DateOnly d) => reference
            .Where(r => VisaStatisticsRules.IsInReferenceYear(r, d))
            .ToLookup(r => (r.IssuingStateCode.ToUpperInvariant(), r.ApplicantStateCode.ToUpperInvariant()));

        private readonly Dictionary<(string, string, string?), ProcessingTimes?> _cache = [];

        public ProcessingTimes? For(string issuing, string applicantState, string category)
        {
            var pair = (issuing.ToUpperInvariant(), applicantState.ToUpperInvariant());
            return Get(pair, category) ?? Get(pair, null);
        }

        private ProcessingTimes? Get((string, string) pair, string? category)
        {
            if (_cache.TryGetValue((pair.Item1, pair.Item2, category), out var times)) return times;
            var sample = byPair[pair].Where(r => category is null || string.Equals(r.CategoryCode, category, StringComparison.OrdinalIgnoreCase)).Select(r => r.DaysToDecision).ToList();
            times = sample.Count < MinimumReference ? null : VisaStatisticsRules.Times(sample);
            _cache[(pair.Item1, pair.Item2, category)] = times;
            return times;
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DaysLeft(int left) => left switch
    {
        0 => "today",
        1 => "1 day left",
        _ => $"{left} days left",
    };

    private static string Kind(VisaApplicationKind kind) => kind switch
    {
        VisaApplicationKind.New => "application for a new visa",
        VisaApplicationKind.Renewal => "renewal",
        _ => "extension",
    };
}

/// <summary>
/// The inputs of the alert rules indexed for them: the current visa (<see cref="VisaRules.Current{T}"/>) of each holder
/// from each issuing state (its code upper case), and the nationality of each present person (null for others).
/// </summary>
internal sealed record AlertIndex(Dictionary<(Guid Holder, string State), AlertVisa> Current, Func<Guid, string?> NationalityOf)
{
    /// <summary>
    /// Compares the keys of <see cref="Current"/>: the holder's identifier hashed alone (a person rarely holds visas of two
    /// states), the state's code compared ordinally. The default comparer hashes the code with a randomised string hash on
    /// every lookup, hundreds of thousands a registry.
    /// </summary>
    public static IEqualityComparer<(Guid Holder, string State)> KeyComparer { get; } = new HolderStateComparer();

    private sealed class HolderStateComparer : IEqualityComparer<(Guid Holder, string State)>
    {
        public bool Equals((Guid Holder, string State) x, (Guid Holder, string State) y) =>
            x.Holder == y.Holder && string.Equals(x.State, y.State, StringComparison.Ordinal);

        public int GetHashCode((Guid Holder, string State) key) => key.Holder.GetHashCode();
    }

    /// <summary>Indexes <paramref name="inputs"/>: the visas folded with <see cref="VisaRules.Supersedes"/>, the nationalities.</summary>
    public static AlertIndex Of(AlertInputs inputs, bool inParallel)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var d = inputs.AsOf;
        Dictionary<(Guid, string), AlertVisa> FoldVisas()
        {
            var current = new Dictionary<(Guid, string), AlertVisa>(AlertIndex.KeyComparer);
            foreach (var v in inputs.Visas)
            {
                ref var best = ref CollectionsMarshal.GetValueRefOrAddDefault(current, (v.HolderId, v.IssuingStateCode.ToUpperInvariant()), out var exists);
                if (!exists || VisaRules.Supersedes(v.Dates, best!.Dates, d)) best = v;
            }
            return current;
        }
        var visas = inParallel ? Task.Run(FoldVisas) : Task.FromResult(FoldVisas());
        var nationality = new Dictionary<Guid, string>();
        foreach (var p in inputs.Present) nationality.TryAdd(p.PersonId, p.NationalityCode);
        return new AlertIndex(visas.GetAwaiter().GetResult(), id => nationality.GetValueOrDefault(id));
    }
}
