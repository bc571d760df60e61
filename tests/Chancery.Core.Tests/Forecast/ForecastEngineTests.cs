using System.Text.Json;
using Chancery.Core.Common;
using Chancery.Core.Forecast;
using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;
using CsCheck;

namespace Chancery.Core.Tests.Forecast;

/// <summary>The staffing forecast: zero variance gives the headcount timeline, draws follow the observed statistics, scenarios act as described.</summary>
public class ForecastEngineTests
{
    internal static readonly DateOnly From = new(2021, 8, 15);
    internal const string Host = "XA";
    internal const string Sender = "XB";

    internal static StaffFacts Staff(
        StaffCategory category = StaffCategory.Diplomatic, DateOnly? start = null, DateOnly? ended = null, DateOnly? leaveBy = null,
        DateOnly? lapses = null, bool familyLeaves = true, params FamilyFacts[] family) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Staff, Member", category, null, start ?? new DateOnly(2019, 1, 1), ended, null, leaveBy, lapses, family, familyLeaves);

    internal static FamilyFacts Spouse(DateOnly? start = null, DateOnly? ended = null, DateOnly? lapses = null) =>
        new(Guid.NewGuid(), start ?? new DateOnly(2019, 1, 1), ended, lapses);

    internal static VisaRequest Request(DateOnly filed, string category = "D") => new(Host, Sender, category, filed);

    /// <summary>Decided applications of the host for the sender, one per processing time given.</summary>
    internal static List<ResolvedApplication> History(IEnumerable<int> days, int refusedEvery = 0, string category = "D") =>
        [.. days.Select((d, i) => new ResolvedApplication(Guid.NewGuid(), Host, Sender, category, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 1).AddDays(d),
            refusedEvery > 0 && i % refusedEvery == 0 ? VisaApplicationOutcome.Refused : VisaApplicationOutcome.Granted))];

    internal static ForecastInput Input(
        IReadOnlyList<StaffFacts> staff, IReadOnlyList<PendingRenewal>? renewals = null, IReadOnlyList<PendingNomination>? nominations = null,
        IReadOnlyList<ResolvedApplication>? history = null, IReadOnlyDictionary<StaffCategory, int>? minimums = null, IReadOnlyList<ArrivalFacts>? arrivals = null) =>
        new(staff, arrivals ?? [], renewals ?? [], nominations ?? [], history ?? [], minimums ?? new Dictionary<StaffCategory, int>());

    private static int Count(Headcount h, StaffCategory category) => h.Categories.FirstOrDefault(c => c.Category == category)?.Count.Count ?? 0;

    /// <summary>Asserts every band of <paramref name="result"/> is one value, the headcount rules' count for those facts.</summary>
    private static void AssertCollapsesOnto(ForecastResult result, IReadOnlyCollection<StaffFacts> staff, IReadOnlyCollection<ArrivalFacts> arrivals)
    {
        var timeline = HeadcountRules.Timeline(staff, arrivals, result.From, result.To);
        Assert.Equal(timeline.Count, result.Members.Count);
        for (var d = 0; d < timeline.Count; d++)
        {
            var expected = timeline[d];
            Assert.Equal((expected.On, expected.Members, expected.Members, expected.Members), (result.Members[d].On, result.Members[d].P10, result.Members[d].Median, result.Members[d].P90));
            Assert.Equal((expected.Family, expected.Family, expected.Family), (result.Family[d].P10, result.Family[d].Median, result.Family[d].P90));
            Assert.Equal((expected.PrivateServants, expected.PrivateServants), (result.PrivateServants[d].P10, result.PrivateServants[d].P90));
            var on = HeadcountRules.On(staff, arrivals, expected.On);
            foreach (var c in result.Categories)
                Assert.Equal((c.Category, Count(on, c.Category), Count(on, c.Category)), (c.Category, c.Days[d].P10, c.Days[d].P90));
        }
    }

    [Fact]
    public void WithFixedProcessingTimesAndNoRefusalsTheBandsAreTheHeadcountTimeline()
    {
        var renewing = Staff(lapses: From.AddDays(40), family: [Spouse(lapses: From.AddDays(40))]);
        var lateRenewal = Staff(StaffCategory.Service, lapses: From.AddDays(10));
        var staff = new[]
        {
            renewing, lateRenewal,
            Staff(leaveBy: From.AddDays(18), family: [Spouse(), Spouse()]),
            Staff(StaffCategory.AdministrativeTechnical, leaveBy: From.AddDays(5), lapses: From.AddDays(3), familyLeaves: false, family: [Spouse(lapses: From.AddDays(60))]),
            Staff(StaffCategory.PrivateServant, ended: From.AddDays(30)),
            Staff(StaffCategory.HeadOfMission, start: From.AddDays(12)),
        };
        var renewals = new[]
        {
            new PendingRenewal(Guid.NewGuid(), renewing.PersonId, Request(From.AddDays(-5)), From.AddDays(30), From.AddDays(400)),
            new PendingRenewal(Guid.NewGuid(), renewing.Family[0].PersonId, Request(From.AddDays(-5)), From.AddDays(30), From.AddDays(70)),
            new PendingRenewal(Guid.NewGuid(), lateRenewal.PersonId, Request(From), From, From.AddDays(400)),
        };
        var nominee = new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), StaffCategory.Diplomatic, Request(From.AddDays(-3)), From.AddDays(10), ArrivalLagDays: 4);
        var known = new ArrivalFacts(Guid.NewGuid(), StaffCategory.Service, From.AddDays(50));
        var input = Input(staff, renewals, [nominee], History(Enumerable.Repeat(20, 8)), arrivals: [known]);

        var result = ForecastEngine.Run(input, new ForecastOptions(From, Days: 120, Runs: 50));

        // Renewals decided on day 15 (filed day -5 + 20): in time for the first two, late for the third (lapsing on day 10).
        var expectedStaff = staff.Select(s => s == renewing
            ? s with { VisaLapsesOn = From.AddDays(400), Family = [s.Family[0] with { VisaLapsesOn = From.AddDays(70) }] }
            : s).ToList();
        // The nominee: decided on day 17, arriving 4 days later (after the expected day 10).
        var arrivals = new[] { known, new ArrivalFacts(nominee.NominationId, StaffCategory.Diplomatic, From.AddDays(21)) };
        AssertCollapsesOnto(result, expectedStaff, arrivals);
        Assert.Equal(1, result.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days[21].Median - result.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days[20].Median);
    }

    [Fact]
    public void ZeroVarianceCollapsesOntoTheTimelineForAnyFacts()
    {
        var offset = Gen.Int[-300, 200];
        var maybe = Gen.Frequency((1, Gen.Const((int?)null)), (2, offset.Select(o => (int?)o)));
        var spouse = Gen.Select(Gen.Int[-300, 100], maybe, maybe)
            .Select((start, ended, lapses) => Spouse(From.AddDays(start), ended is { } e ? From.AddDays(e) : null, lapses is { } l ? From.AddDays(l) : null));
        var member = Gen.Select(Gen.Enum<StaffCategory>(), Gen.Int[-400, 100], maybe, maybe, maybe, Gen.Bool, spouse.Array[0, 2])
            .Select((category, start, ended, leaveBy, lapses, leaves, family) => Staff(category, From.AddDays(start), ended is { } e ? From.AddDays(e) : null,
                leaveBy is { } b ? From.AddDays(b) : null, lapses is { } l ? From.AddDays(l) : null, leaves, family));
        var renewal = Gen.Select(Gen.Int[0, 10_000], Gen.Int[-60, 5], maybe);
        var nomination = Gen.Select(Gen.Enum<StaffCategory>(), Gen.Int[-60, 20], maybe, Gen.Int[0, 20]);
        Gen.Select(member.Array[1, 12], renewal.Array[0, 6], nomination.Array[0, 4], Gen.Int[0, 50]).Sample((staff, renewalSpecs, nominationSpecs, fixedDays) =>
        {
            var people = staff.SelectMany(s => s.Family.Select(f => f.PersonId).Prepend(s.PersonId)).ToList();
            var renewals = renewalSpecs.Select(r => new PendingRenewal(Guid.NewGuid(), people[r.Item1 % people.Count], Request(From.AddDays(r.Item2)), null,
                r.Item3 is { } g ? From.AddDays(g) : null)).ToList();
            var nominations = nominationSpecs.Select(n => new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), n.Item1, Request(From.AddDays(n.Item2)),
                n.Item3 is { } e ? From.AddDays(e) : null, n.Item4)).ToList();
            var result = ForecastEngine.Run(Input(staff, renewals, nominations, History(Enumerable.Repeat(fixedDays, 5))), new ForecastOptions(From, Days: 90, Runs: 3));

            // Without variance each request is decided on max(start, filed + days) (an overdue one: start + days).
            DateOnly Decided(VisaRequest r) => From.DayNumber - r.FiledOn.DayNumber > fixedDays ? From.AddDays(fixedDays) : r.FiledOn.AddDays(fixedDays);
            DateOnly? Lapse(Guid person, DateOnly? lapses)
            {
                var granted = renewals.Where(r => r.PersonId == person && lapses is { } l && Decided(r.Request) < l).ToList();
                if (granted.Count == 0) return lapses;
                return granted.Any(r => r.LapsesOnIfGranted is null) ? null : new[] { lapses!.Value }.Concat(granted.Select(r => r.LapsesOnIfGranted!.Value)).Max();
            }
            var expectedStaff = staff.Select(s => s with
            {
                VisaLapsesOn = Lapse(s.PersonId, s.VisaLapsesOn),
                Family = [.. s.Family.Select(f => f with { VisaLapsesOn = Lapse(f.PersonId, f.VisaLapsesOn) })],
            }).ToList();
            var arrivals = nominations.Select(n =>
            {
                var ready = Decided(n.Request).AddDays(n.ArrivalLagDays);
                return new ArrivalFacts(n.NominationId, n.Category, n.ExpectedArrivalOn is { } e && e > ready ? e : ready);
            }).ToList();
            AssertCollapsesOnto(result, expectedStaff, arrivals);
        }, iter: 200);
    }

    [Fact]
    public void MedianArrivalOfASingleNomineeWithUniformProcessingTimesIsTheAnalyticalMedian()
    {
        // Processing times 10 to 40 days, each observed once: the median is 25 days. Tolerance: one day either side.
        var nominee = new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), StaffCategory.Diplomatic, Request(From), null);
        var input = Input([], nominations: [nominee], history: History(Enumerable.Range(10, 31)));

        var result = ForecastEngine.Run(input, new ForecastOptions(From, Days: 60, Runs: 10_000, Seed: 7));

        var diplomats = result.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days;
        var medianArrival = diplomats.First(b => b.Median == 1).On;
        Assert.InRange(medianArrival.DayNumber - From.DayNumber, 24, 26);
        // The mean count on a day is the share arrived by then: about 16/31 on day 25.
        Assert.InRange(diplomats[25].Mean, 16 / 31.0 - 0.02, 16 / 31.0 + 0.02);
        Assert.Equal(0, diplomats[9].P90);
        Assert.Equal(1, diplomats[40].P10);
    }

    [Fact]
    public void StopIssuingNeverYieldsAnArrivalAndLetsPendingRenewalsLapse()
    {
        var renewing = Staff(StaffCategory.Service, lapses: From.AddDays(30));
        var nominees = Enumerable.Range(0, 5).Select(_ => new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), StaffCategory.Diplomatic, Request(From.AddDays(-10)), null)).ToList();
        var renewal = new PendingRenewal(Guid.NewGuid(), renewing.PersonId, Request(From.AddDays(-10)), null, null);
        var input = Input([renewing], [renewal], nominees, History(Enumerable.Range(5, 30)));
        var options = new ForecastOptions(From, Days: 200, Runs: 500);

        var baseline = ForecastEngine.Run(input, options);
        var stopped = ForecastEngine.Run(input, options, new ForecastScenario(StopIssuingFrom: From));

        Assert.Equal(5, baseline.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days[^1].Median);
        Assert.All(stopped.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days, b => Assert.Equal(0, b.P90));
        Assert.Equal(1, baseline.Categories.Single(c => c.Category == StaffCategory.Service).Days[^1].Median);
        Assert.Equal(0, stopped.Categories.Single(c => c.Category == StaffCategory.Service).Days[30].P90);
    }

    [Fact]
    public void LongerProcessingTimesNeverRaiseTheMedianHeadcountOnAnyDay()
    {
        var member = Gen.Select(Gen.Enum<StaffCategory>(), Gen.Int[-200, 0], Gen.Int[1, 150], Gen.Int[0, 1])
            .Select((category, start, lapses, family) => Staff(category, From.AddDays(start), lapses: From.AddDays(lapses), family: [.. Enumerable.Range(0, family).Select(_ => Spouse(lapses: From.AddDays(lapses)))]));
        Gen.Select(member.Array[1, 10], Gen.Int[1, 120].Array[5, 20], Gen.Int[0, 4], Gen.Int[0, 5], Gen.Double[1.0, 4.0], Gen.ULong)
            .Sample((staff, days, refusedEvery, nomineeCount, factor, seed) =>
            {
                var renewals = staff.SelectMany(s => s.Family.Select(f => f.PersonId).Prepend(s.PersonId))
                    .Select((p, i) => new PendingRenewal(Guid.NewGuid(), p, Request(From.AddDays(-(i % 40))), null, From.AddDays(300))).ToList();
                var nominations = Enumerable.Range(0, nomineeCount).Select(i => new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), (StaffCategory)(i % 5), Request(From.AddDays(-i * 7)), null, i)).ToList();
                var input = Input(staff, renewals, nominations, History(days, refusedEvery));
                var options = new ForecastOptions(From, Days: 180, Runs: 64, Seed: seed);
                var baseline = ForecastEngine.Run(input, options);
                var slower = ForecastEngine.Run(input, options, new ForecastScenario(ProcessingTimeFactor: factor));
                return baseline.Members.Zip(slower.Members).All(p => p.Second.Median <= p.First.Median)
                    && baseline.Family.Zip(slower.Family).All(p => p.Second.Median <= p.First.Median)
                    && baseline.Categories.Zip(slower.Categories).All(c => c.First.Days.Zip(c.Second.Days).All(p => p.Second.Median <= p.First.Median));
            }, iter: 100);
    }

    /// <summary>A mission with every kind of uncertainty and a scenario with every kind of change.</summary>
    private static (ForecastInput Input, ForecastScenario Scenario) Busy()
    {
        var staff = Enumerable.Range(0, 40).Select(i => Staff((StaffCategory)(i % 5), From.AddDays(-400 + i), lapses: From.AddDays(10 + (i * 7)),
            family: [.. Enumerable.Range(0, i % 3).Select(_ => Spouse(lapses: From.AddDays(20 + (i * 5))))])).ToList();
        var renewals = staff.Where((_, i) => i % 2 == 0).Select((s, i) => new PendingRenewal(Guid.NewGuid(), s.PersonId, Request(From.AddDays(-i)), null, From.AddDays(500))).ToList();
        var nominations = Enumerable.Range(0, 12).Select(i => new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), (StaffCategory)(i % 4), Request(From.AddDays(-i * 3)), From.AddDays(i), 5)).ToList();
        var minimums = new Dictionary<StaffCategory, int> { [StaffCategory.Diplomatic] = 7, [StaffCategory.Service] = 6 };
        var scenario = new ForecastScenario(ProcessingTimeFactor: 1.5, Expulsions: [new ForecastExpulsion(From.AddDays(60), 3)], Caps: [new ForecastCap(From.AddDays(90), 25)]);
        return (Input(staff, renewals, nominations, History(Enumerable.Range(15, 60), refusedEvery: 4), minimums), scenario);
    }

    [Fact]
    public void TheSameSeedGivesTheSameForecast()
    {
        var (input, scenario) = Busy();
        var options = new ForecastOptions(From, Days: 365, Runs: 700, Seed: 42);

        var first = JsonSerializer.Serialize(ForecastEngine.Run(input, options, scenario));
        var second = JsonSerializer.Serialize(ForecastEngine.Run(input, options, scenario));
        var otherSeed = JsonSerializer.Serialize(ForecastEngine.Run(input, options with { Seed = 43 }, scenario));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void TwoThreadsGiveTheSameForecastAsOne()
    {
        var (input, scenario) = Busy();
        var options = new ForecastOptions(From, Days: 365, Runs: 1000, Seed: 5);
        var progress = new List<int>();

        var one = JsonSerializer.Serialize(ForecastEngine.Run(input, options, scenario, new SynchronousProgress(progress)));
        var two = JsonSerializer.Serialize(ForecastEngine.Run(input, options with { DegreeOfParallelism = 2 }, scenario));
        var baselineOne = JsonSerializer.Serialize(ForecastEngine.Run(input, options));
        var baselineTwo = JsonSerializer.Serialize(ForecastEngine.Run(input, options with { DegreeOfParallelism = 2 }));

        Assert.Equal(one, two);
        Assert.Equal(baselineOne, baselineTwo);
        Assert.Equal(1000, progress[^1]);
    }

    private sealed class SynchronousProgress(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }

    [Fact]
    public void ExpulsionsTakeThatManyMembersOfTheCategoryOutTheDayAfterTheLeaveByWithTheirFamilies()
    {
        var staff = Enumerable.Range(0, 10).Select(_ => Staff(family: [Spouse()])).Append(Staff(StaffCategory.Service)).ToList();
        var scenario = new ForecastScenario(Expulsions: [new ForecastExpulsion(From.AddDays(20), 4)]);

        var result = ForecastEngine.Run(Input(staff), new ForecastOptions(From, Days: 60, Runs: 200), scenario);

        var diplomats = result.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days;
        Assert.Equal((10, 6, 6), (diplomats[20].Median, diplomats[21].P90, diplomats[21].P10));
        Assert.Equal((10, 6), (result.Family[20].Median, result.Family[21].Median));
        Assert.Equal(1, result.Categories.Single(c => c.Category == StaffCategory.Service).Days[59].Median);
    }

    [Fact]
    public void ACapSendsTheLatestArrivedBeyondItAwayAndKeepsLaterArrivalsOut()
    {
        var staff = Enumerable.Range(0, 8).Select(i => Staff(start: From.AddDays(-100 + i))).Append(Staff(StaffCategory.LocallyEngaged)).ToList();
        var arrival = new ArrivalFacts(Guid.NewGuid(), StaffCategory.Diplomatic, From.AddDays(40));
        var scenario = new ForecastScenario(Caps: [new ForecastCap(From.AddDays(30), 5)]);

        var result = ForecastEngine.Run(Input(staff, arrivals: [arrival]), new ForecastOptions(From, Days: 60, Runs: 10), scenario);

        var diplomats = result.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Days;
        Assert.Equal((8, 5, 5), (diplomats[29].Median, diplomats[30].Median, diplomats[45].P90));
        Assert.Equal(1, result.Categories.Single(c => c.Category == StaffCategory.LocallyEngaged).Days[45].Median);
    }

    [Fact]
    public void RefusalRateOfOneMeansNoNomineeArrivesAndRenewingHoldersLapse()
    {
        var holder = Staff(lapses: From.AddDays(50));
        var input = Input([holder], [new PendingRenewal(Guid.NewGuid(), holder.PersonId, Request(From), null, null)],
            [new PendingNomination(Guid.NewGuid(), Guid.NewGuid(), StaffCategory.Diplomatic, Request(From), null)], History(Enumerable.Range(1, 10)));

        var refused = ForecastEngine.Run(input, new ForecastOptions(From, Days: 100, Runs: 100), new ForecastScenario(RefusalRate: 1));

        Assert.Equal((1, 0), (refused.Members[49].Median, refused.Members[50].P90));
    }

    [Fact]
    public void ProbabilityOfFallingBelowTheMinimumGrowsAsVisasLapseWithoutRenewal()
    {
        // Three diplomats, minimum three; one renewal pending with half the applications refused, due before the visa lapses on day 40.
        var renewing = Staff(lapses: From.AddDays(40));
        var staff = new[] { renewing, Staff(), Staff() };
        var input = Input(staff, [new PendingRenewal(Guid.NewGuid(), renewing.PersonId, Request(From), null, null)], history: History(Enumerable.Repeat(10, 20), refusedEvery: 2),
            minimums: new Dictionary<StaffCategory, int> { [StaffCategory.Diplomatic] = 3, [StaffCategory.Service] = 1 });

        var result = ForecastEngine.Run(input, new ForecastOptions(From, Days: 100, Runs: 4000, Seed: 3));

        var risk = result.Categories.Single(c => c.Category == StaffCategory.Diplomatic).Risk!;
        Assert.Equal(0, risk.BelowBy[39].Probability);
        Assert.InRange(risk.BelowBy[40].Probability, 0.45, 0.55);
        Assert.Equal(risk.BelowBy[40].Probability, risk.ProbabilityBelowByEnd);
        Assert.Equal(From.AddDays(40), risk.MeanFirstBelowOn);
        // The service minimum with nobody in service: below from the first day in every run.
        var service = result.Categories.Single(c => c.Category == StaffCategory.Service).Risk!;
        Assert.Equal((1.0, From), (service.BelowBy[0].Probability, service.MedianFirstBelowOn));
    }

    [Fact]
    public void TooFewObservationsWidenToTheApplicantStateThenTheIssuingStateThenTheDefault()
    {
        var history = History(Enumerable.Repeat(30, 3), category: "D")
            .Concat(History(Enumerable.Repeat(50, 3), category: "S")).ToList();
        var requests = new[] { Request(From, "D"), Request(From, "S") };
        var model = new VisaDecisionModel(history, new ProcessingFallback(MinObservations: 5), null, From, requests);
        var lone = new VisaDecisionModel(history, new ProcessingFallback(MinObservations: 7, DefaultDays: 90), null, From, [new VisaRequest("XC", Sender, "D", From)]);

        Assert.All(model.Basis, b => Assert.Equal((ForecastBasisLevel.ApplicantState, 6, 30), (b.Level, b.Observations, b.MedianDays)));
        Assert.Equal((ForecastBasisLevel.Default, 0, 90), (lone.Basis[0].Level, lone.Basis[0].Observations, lone.Basis[0].MedianDays));
    }

    [Fact]
    public void OutOfRangeOptionsAndScenarioAreRejectedNamingEachField()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => ForecastEngine.Run(Input([]), new ForecastOptions(From, Days: 731, Runs: 0),
            new ForecastScenario(ProcessingTimeFactor: 0, RefusalRate: 1.5, Expulsions: [new ForecastExpulsion(From.AddDays(-1), 2)])));

        Assert.Equal(["days", "expel", "factor", "refusalRate", "runs"], ex.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
