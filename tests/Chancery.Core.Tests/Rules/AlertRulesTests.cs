using Chancery.Core.Policies;
using Chancery.Core.Visas;
using CsCheck;
using Microsoft.Extensions.Configuration;

namespace Chancery.Core.Tests.Rules;

public sealed class AlertRulesTests
{
    private static readonly DateOnly Epoch = new(2020, 1, 1);
    private static readonly AlertMission Mission = new(Guid.NewGuid(), "RU", "US", "Embassy of Russia in Washington");
    private static readonly AlertSettings Settings = AlertSettings.Default;

    private static AlertPresence Staff(Guid id, DateOnly? start = null, string nationality = "RU") =>
        new(id, "Ivanov, Ivan " + id.ToString()[..4], nationality, Mission.Id, AlertRole.Staff, start ?? Epoch);

    private static AlertPresence Family(Guid id, Guid principal) =>
        new(id, "Ivanova, Maria " + id.ToString()[..4], "RU", Mission.Id, AlertRole.Family, PrincipalPersonId: principal);

    private static AlertVisa Visa(Guid holder, DateOnly from, DateOnly until, DateOnly? cancelled = null, string issuer = "US") =>
        new(Guid.NewGuid(), holder, issuer, from, until, cancelled);

    private static AlertApplication Application(Guid applicant, DateOnly filed, DateOnly? decided = null,
        VisaApplicationOutcome outcome = VisaApplicationOutcome.Pending, VisaApplicationKind kind = VisaApplicationKind.Renewal, string category = "A-1") =>
        new(Guid.NewGuid(), applicant, kind, "US", category, filed, decided, outcome);

    private static HostPolicy Policy(DateOnly from, DateOnly? until = null, int? lead = null, int? reapplyYears = null, int? grace = null) => new()
    {
        ReceivingStateCode = "US",
        SendingStateCode = "RU",
        InForceFrom = from,
        InForceUntil = until,
        RenewalLeadDays = lead,
        ReapplyAfterYears = reapplyYears,
        GraceDays = grace,
    };

    private static IReadOnlyList<Alert> Evaluate(
        DateOnly asOf, IEnumerable<AlertPresence> present, IEnumerable<AlertVisa> visas, IEnumerable<AlertApplication>? applications = null,
        IEnumerable<HostPolicy>? policies = null, IEnumerable<ResolvedApplication>? reference = null, AlertSettings? settings = null) =>
        AlertRules.Evaluate(new AlertInputs(asOf, [Mission], [.. present], [.. visas], [.. applications ?? []], [.. policies ?? []], [.. reference ?? []]), settings ?? Settings);

    private static IEnumerable<ResolvedApplication> Decisions(params int[] days) =>
        days.Select(n => new ResolvedApplication(Guid.NewGuid(), "US", "RU", "A-1", new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 1).AddDays(n), VisaApplicationOutcome.Granted));

    [Fact]
    public void VisaEndingOnTheAsOfDayIsCriticalAndDueThatDayNotAnOverstay()
    {
        var person = Guid.NewGuid();
        var visa = Visa(person, new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3));

        var alert = Assert.Single(Evaluate(new DateOnly(2021, 9, 3), [Staff(person)], [visa]));

        Assert.Equal((AlertKind.VisaExpiring, AlertSeverity.Critical, new DateOnly(2021, 9, 3), visa.Id), (alert.Kind, alert.Severity, alert.Due, alert.VisaId));
        Assert.Contains("today", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DayAfterExpiryIsAnOverstayWithoutGraceAndGraceEndingWithIt()
    {
        var person = Guid.NewGuid();
        var visa = Visa(person, new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3));
        var next = new DateOnly(2021, 9, 4);

        var without = Assert.Single(Evaluate(next, [Staff(person)], [visa]));
        var within = Assert.Single(Evaluate(next, [Staff(person)], [visa], policies: [Policy(Epoch, grace: 10)]));
        var after = Assert.Single(Evaluate(new DateOnly(2021, 9, 14), [Staff(person)], [visa], policies: [Policy(Epoch, grace: 10)]));

        Assert.Equal((AlertKind.Overstay, AlertSeverity.Critical, next), (without.Kind, without.Severity, without.Due));
        Assert.Equal((AlertKind.GraceEnding, AlertSeverity.Critical, new DateOnly(2021, 9, 13)), (within.Kind, within.Severity, within.Due));
        Assert.Equal(AlertKind.Overstay, after.Kind);
    }

    [Fact]
    public void LeapDayExpiryCountsDaysAcrossFebruaryAndTheReapplyDateOfALeapDayStart()
    {
        var person = Guid.NewGuid();
        var visa = Visa(person, new DateOnly(2023, 3, 1), new DateOnly(2024, 2, 29));
        var policy = Policy(Epoch, reapplyYears: 4);

        var fromLeapDay = Evaluate(new DateOnly(2024, 2, 1), [Staff(person, new DateOnly(2020, 2, 29))], [visa], policies: [policy]);
        var fromMarch = Evaluate(new DateOnly(2024, 2, 1), [Staff(person, new DateOnly(2020, 3, 1))], [visa], policies: [policy]);

        Assert.Equal([(AlertKind.VisaExpiring, AlertSeverity.Warning), (AlertKind.ReapplicationDue, AlertSeverity.Warning)], fromLeapDay.Select(a => (a.Kind, a.Severity)).Order());
        Assert.All(fromLeapDay, a => Assert.Equal(new DateOnly(2024, 2, 29), a.Due));
        Assert.Contains("28 days left", fromLeapDay.Single(a => a.Kind == AlertKind.VisaExpiring).Message, StringComparison.Ordinal);
        // Four years from 2020-03-01 end after the visa: the rule does not bite yet.
        Assert.Equal([AlertKind.VisaExpiring], fromMarch.Select(a => a.Kind));
    }

    [Fact]
    public void PolicyRaisesLateRenewalOnlyOnTheDaysItIsInForce()
    {
        var person = Guid.NewGuid();
        var visa = Visa(person, new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3));
        var policy = Policy(new DateOnly(2021, 8, 10), new DateOnly(2021, 8, 20), lead: 60);

        bool LateOn(DateOnly d) => Evaluate(d, [Staff(person)], [visa], policies: [policy]).Any(a => a.Kind == AlertKind.RenewalLate);

        Assert.Equal([false, true, true, false], new[] { new DateOnly(2021, 8, 9), new DateOnly(2021, 8, 10), new DateOnly(2021, 8, 20), new DateOnly(2021, 8, 21) }.Select(LateOn));
    }

    [Fact]
    public void PendingOrGrantedRenewalStopsTheLateRenewalAlertButARefusedOneDoesNot()
    {
        var person = Guid.NewGuid();
        var visa = Visa(person, new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3));
        var asOf = new DateOnly(2021, 8, 15);
        var policy = Policy(Epoch, lead: 60);

        IEnumerable<AlertKind> Kinds(AlertApplication application) =>
            Evaluate(asOf, [Staff(person)], [visa], [application], [policy]).Select(a => a.Kind);

        Assert.Equal([AlertKind.VisaExpiring], Kinds(Application(person, new DateOnly(2021, 8, 1))));
        Assert.Equal([AlertKind.VisaExpiring], Kinds(Application(person, new DateOnly(2021, 8, 1), new DateOnly(2021, 8, 10), VisaApplicationOutcome.Granted)));
        Assert.Equal([AlertKind.VisaExpiring, AlertKind.RenewalLate], Kinds(Application(person, new DateOnly(2021, 8, 1), new DateOnly(2021, 8, 10), VisaApplicationOutcome.Refused)).Order());
        // Filed before the visa began: it was about the visa before, and covers nothing now.
        Assert.Contains(AlertKind.RenewalLate, Kinds(Application(person, new DateOnly(2020, 8, 1))));
        var covered = Evaluate(asOf, [Staff(person)], [visa], [Application(person, new DateOnly(2021, 8, 1))], [policy]).Single();
        Assert.Contains("2021-08-01", covered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenewalGrantedAfterExpiryEndsTheOverstayOnceTheNewVisaIsValid()
    {
        var person = Guid.NewGuid();
        var old = Visa(person, new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3));
        var renewal = Visa(person, new DateOnly(2021, 9, 21), new DateOnly(2022, 9, 20));
        var application = Application(person, new DateOnly(2021, 8, 1), new DateOnly(2021, 9, 20), VisaApplicationOutcome.Granted);

        var waiting = Evaluate(new DateOnly(2021, 9, 10), [Staff(person)], [old], [application]);
        var valid = Evaluate(new DateOnly(2021, 9, 21), [Staff(person)], [old, renewal], [application]);

        Assert.Equal(AlertKind.Overstay, Assert.Single(waiting).Kind);
        Assert.Empty(valid);
    }

    [Fact]
    public void FamilyMemberWithoutAValidVisaIsAFamilyVisaLostWhileThePrincipalStaysAndAnOverstayOnceThePrincipalDoesNot()
    {
        var principal = Guid.NewGuid();
        var spouse = Guid.NewGuid();
        var principalVisa = Visa(principal, new DateOnly(2020, 9, 4), new DateOnly(2021, 9, 3));
        var cancelled = Visa(spouse, new DateOnly(2020, 9, 4), new DateOnly(2022, 9, 3), cancelled: new DateOnly(2021, 5, 1));
        AlertPresence[] household = [Staff(principal), Family(spouse, principal)];

        var whileStaying = Evaluate(new DateOnly(2021, 5, 1), household, [principalVisa, cancelled]).Single(a => a.PersonId == spouse);
        var afterPrincipal = Evaluate(new DateOnly(2021, 9, 4), household, [principalVisa, cancelled]).Single(a => a.PersonId == spouse);

        Assert.Equal((AlertKind.FamilyVisaLost, AlertSeverity.Warning, new DateOnly(2021, 5, 1), AlertRole.Family),
            (whileStaying.Kind, whileStaying.Severity, whileStaying.Due, whileStaying.Role));
        Assert.Contains("cancelled on 2021-05-01", whileStaying.Message, StringComparison.Ordinal);
        Assert.Equal(AlertKind.Overstay, afterPrincipal.Kind);
    }

    [Fact]
    public void NationalOfTheReceivingStateNeedsNoVisaAndGetsNoVisaAlert()
    {
        var person = Guid.NewGuid();

        Assert.Empty(Evaluate(new DateOnly(2021, 8, 15), [Staff(person, nationality: "US")], []));
        Assert.Equal(AlertKind.Overstay, Assert.Single(Evaluate(new DateOnly(2021, 8, 15), [Staff(person)], [])).Kind);
    }

    [Fact]
    public void VisaOfAnotherStateIsIgnored()
    {
        var person = Guid.NewGuid();

        var alert = Assert.Single(Evaluate(new DateOnly(2021, 8, 15), [Staff(person)], [Visa(person, Epoch, new DateOnly(2025, 1, 1), issuer: "CA")]));

        Assert.Equal((AlertKind.Overstay, (Guid?)null), (alert.Kind, alert.VisaId));
    }

    [Fact]
    public void SlowApplicationIsANoticePastTheMedianAWarningPastTheNinetiethPercentileAndNothingWithFewerThanFiveDecisions()
    {
        var person = Guid.NewGuid();
        var asOf = new DateOnly(2021, 8, 15);
        var visa = Visa(person, new DateOnly(2020, 9, 4), new DateOnly(2022, 9, 3));
        var reference = Decisions(10, 20, 30, 40, 50).ToList();

        Alert? SlowAfter(int age, IEnumerable<ResolvedApplication> decisions, string category = "A-1") =>
            Evaluate(asOf, [Staff(person)], [visa], [Application(person, asOf.AddDays(-age), category: category)], reference: decisions).SingleOrDefault();

        Assert.Null(SlowAfter(30, reference));
        Assert.Equal((AlertSeverity.Notice, asOf.AddDays(-31 + 50)), SlowAfter(31, reference) is { } n ? (n.Severity, n.Due) : default);
        Assert.Equal((AlertSeverity.Notice, asOf.AddDays(-50 + 50)), SlowAfter(50, reference) is { } edge ? (edge.Severity, edge.Due) : default);
        Assert.Equal((AlertSeverity.Warning, asOf), SlowAfter(51, reference) is { } w ? (w.Severity, w.Due) : default);
        Assert.Null(SlowAfter(51, reference.Take(4)));
        // No decision in the category asked: the issuing state's decisions in every category are the reference.
        Assert.Equal(AlertSeverity.Warning, SlowAfter(51, reference, category: "G-4")?.Severity);
        // Decisions more than a year old say nothing about today.
        Assert.Null(SlowAfter(51, reference.Select(r => r with { FiledOn = r.FiledOn.AddYears(-1), DecidedOn = r.DecidedOn!.Value.AddYears(-1) })));
    }

    [Fact]
    public void AlertsAreSortedCriticalFirstThenByDueDateThenByName()
    {
        var people = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var asOf = new DateOnly(2021, 8, 15);
        AlertVisa[] visas =
        [
            Visa(people[0], Epoch, asOf.AddDays(60)),
            Visa(people[1], Epoch, asOf.AddDays(20)),
            Visa(people[2], Epoch, asOf.AddDays(3)),
        ];

        var alerts = Evaluate(asOf, people.Select(p => Staff(p)), visas);

        Assert.Equal([people[3], people[2], people[1], people[0]], alerts.Select(a => a.PersonId));
        Assert.Equal([AlertSeverity.Critical, AlertSeverity.Critical, AlertSeverity.Warning, AlertSeverity.Notice], alerts.Select(a => a.Severity));
    }

    // Property tests: a random household, visas, applications, policy and date.
    private sealed record World(DateOnly AsOf, AlertPresence[] Present, AlertVisa[] Visas, AlertApplication[] Applications, HostPolicy[] Policies, ResolvedApplication[] Reference);

    private static readonly Guid Principal = Guid.NewGuid(), Spouse = Guid.NewGuid(), Absent = Guid.NewGuid();

    private static readonly Gen<AlertVisa> GenVisa =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1500], Gen.Int[0, 800], Gen.Int[-1, 2300]).Select((who, from, length, cancel) =>
            Visa(who switch { 0 => Principal, 1 => Spouse, _ => Absent }, Epoch.AddDays(from), Epoch.AddDays(from + length), cancel < 0 ? null : Epoch.AddDays(cancel)));

    private static readonly Gen<AlertApplication> GenApplication =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2000], Gen.Int[-1, 200], Gen.Enum<VisaApplicationOutcome>(), Gen.Enum<VisaApplicationKind>()).Select((who, filed, took, outcome, kind) =>
            Application(who switch { 0 => Principal, 1 => Spouse, _ => Absent }, Epoch.AddDays(filed),
                took < 0 || outcome == VisaApplicationOutcome.Pending ? null : Epoch.AddDays(filed + took),
                took < 0 ? VisaApplicationOutcome.Pending : outcome, kind));

    private static readonly Gen<World> GenWorld =
        Gen.Select(Gen.Int[0, 2200], GenVisa.Array[0, 5], GenApplication.Array[0, 4], Gen.Int[0, 1000], Gen.Int[-1, 120], Gen.Int[-1, 5], Gen.Int[-1, 60], Gen.Int[0, 200].Array[0, 8])
            .Select((day, visas, applications, start, lead, years, grace, decisions) => new World(
                Epoch.AddDays(day),
                [Staff(Principal, Epoch.AddDays(start)), Family(Spouse, Principal)],
                visas, applications,
                [Policy(Epoch, lead: lead < 0 ? null : lead, reapplyYears: years <= 0 ? null : years, grace: grace < 0 ? null : grace)],
                [.. decisions.Select((n, i) => new ResolvedApplication(Guid.NewGuid(), "US", "RU", i % 2 == 0 ? "A-1" : "A-2", Epoch.AddDays(day - 200 - n), Epoch.AddDays(day - 200 + i), VisaApplicationOutcome.Granted))]));

    private static IReadOnlyList<Alert> Evaluate(World w, DateOnly? asOf = null, AlertSettings? settings = null) =>
        Evaluate(asOf ?? w.AsOf, w.Present, w.Visas, w.Applications, w.Policies, w.Reference, settings);

    [Fact]
    public void EvaluatingTheRegistryInTwoHalvesAtOnceGivesTheSameAlertsAsInOne()
    {
        // Many households on one date, each with people of its own: the halves split them by person.
        GenWorld.Array[20, 60].Sample(worlds =>
        {
            var asOf = worlds[0].AsOf;
            var present = new List<AlertPresence>();
            var visas = new List<AlertVisa>();
            var applications = new List<AlertApplication>();
            foreach (var w in worlds)
            {
                var ids = new Dictionary<Guid, Guid> { [Principal] = Guid.NewGuid(), [Spouse] = Guid.NewGuid(), [Absent] = Guid.NewGuid() };
                present.AddRange(w.Present.Select(p => p with { PersonId = ids[p.PersonId], PrincipalPersonId = p.PrincipalPersonId is { } q ? ids[q] : null }));
                visas.AddRange(w.Visas.Select(v => v with { Id = Guid.NewGuid(), HolderId = ids[v.HolderId] }));
                applications.AddRange(w.Applications.Select(a => a with { Id = Guid.NewGuid(), ApplicantId = ids[a.ApplicantId] }));
            }
            var inputs = new AlertInputs(asOf, [Mission], present, visas, applications, worlds[0].Policies, worlds[0].Reference);

            var inOne = AlertRules.Sort(AlertRules.EvaluateUnsorted(inputs, Settings, parallelAbove: int.MaxValue));
            var inTwo = AlertRules.Sort(AlertRules.EvaluateUnsorted(inputs, Settings, parallelAbove: 0));

            Assert.Equal(inOne, inTwo);
        }, iter: 30);
    }

    [Fact]
    public void AnAlertIsNeverDueBeforeTheAsOfDateAndNeverConcernsSomeoneNotPresent()
    {
        GenWorld.Sample(w => Evaluate(w).All(a => a.Due >= w.AsOf && a.PersonId != Absent));
    }

    [Fact]
    public void EachPersonGetsAtMostOneAlertOfEachKind()
    {
        GenWorld.Sample(w => Evaluate(w).CountBy(a => (a.PersonId, a.Kind)).All(g => g.Value == 1));
    }

    [Fact]
    public void OnceAVisaHasExpiredNoLaterDateShowsItValidOrExpiringAgain()
    {
        Gen.Select(GenVisa, Gen.Int[0, 2200], Gen.Int[1, 400], Gen.Int[-1, 60]).Sample((visa, day, step, grace) =>
        {
            var single = visa with { HolderId = Principal };
            HostPolicy[] policies = [Policy(Epoch, grace: grace < 0 ? null : grace)];
            var earlier = Evaluate(Epoch.AddDays(day), [Staff(Principal)], [single], policies: policies);
            var later = Evaluate(Epoch.AddDays(day + step), [Staff(Principal)], [single], policies: policies);
            var expired = earlier.Any(a => a.Kind is AlertKind.Overstay or AlertKind.GraceEnding) && Epoch.AddDays(day) > single.ValidFrom;
            return !expired || later.All(a => a.Kind is AlertKind.Overstay or AlertKind.GraceEnding);
        });
    }

    [Fact]
    public void ExpirySeverityNeverEasesAsTheAsOfDateApproachesExpiry()
    {
        var thresholds = Gen.Select(Gen.Int[1, 20], Gen.Int[1, 40], Gen.Int[1, 80]).Select((c, w, n) => new AlertSettings(c, c + w, c + w + n));
        Gen.Select(GenVisa, Gen.Int[0, 2200], Gen.Int[1, 200], thresholds).Sample((visa, day, step, settings) =>
        {
            var single = visa with { HolderId = Principal, CancelledOn = null };
            AlertSeverity? Severity(int d) => Evaluate(Epoch.AddDays(d), [Staff(Principal)], [single], settings: settings)
                .SingleOrDefault(a => a.Kind == AlertKind.VisaExpiring)?.Severity;
            return Severity(day) is not { } earlier || Severity(day + step) is not { } later || later <= earlier;
        });
    }

    [Fact]
    public void ThresholdsMustBePositiveAndAscendingOrTheStartFailsNamingTheSetting()
    {
        static AlertSettings Read(Dictionary<string, string?> values) => AlertSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

        Assert.Equal(new AlertSettings(7, 30, 90), Read([]));
        Assert.Equal(new AlertSettings(3, 14, 60), Read(new() { ["Alerts:ExpiringDays:Critical"] = "3", ["Alerts:ExpiringDays:Warning"] = "14", ["Alerts:ExpiringDays:Notice"] = "60" }));
        Assert.Contains("Alerts:ExpiringDays:Critical", Assert.Throws<InvalidOperationException>(() => Read(new() { ["Alerts:ExpiringDays:Critical"] = "0" })).Message, StringComparison.Ordinal);
        Assert.Contains("Alerts:ExpiringDays:Notice", Assert.Throws<InvalidOperationException>(() => Read(new() { ["Alerts:ExpiringDays:Notice"] = "20" })).Message, StringComparison.Ordinal);
        Assert.Contains("Alerts:ExpiringDays:Warning", Assert.Throws<InvalidOperationException>(() => Read(new() { ["Alerts:ExpiringDays:Warning"] = "soon" })).Message, StringComparison.Ordinal);
    }
}
