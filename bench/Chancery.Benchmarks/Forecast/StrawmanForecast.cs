using Chancery.Core.Forecast;
using Chancery.Core.People;
using Chancery.Core.Posts;
using Chancery.Core.Visas;

namespace Chancery.Benchmarks.Forecast;

/// <summary>
/// A strawman, not a baseline: for each run, the same draws (same random stream, same <see cref="VisaDecisionModel"/>,
/// same order), the staff facts rewritten with the run's outcomes as records, then for each day
/// <see cref="HeadcountRules.On"/> over them, allocating as it goes. Nobody would write a forecast this way for speed;
/// it is kept because it reads the rules literally (the headcount of each day as the app computes it), so
/// <c>forecast --check</c> holds the engine and the baseline (<see cref="ArrayForecast"/>) to it. It must give exactly
/// the engine's result.
/// </summary>
public static class StrawmanForecast
{
    private sealed class Arrival(StaffCategory category, DateOnly? day)
    {
        public StaffCategory Category { get; } = category;
        public DateOnly? Day { get; set; } = day;
        public DateOnly? Out { get; set; }
        public bool Accepted { get; set; }
    }

    /// <summary>The forecast of <paramref name="input"/>, one thread.</summary>
    public static ForecastResult Run(ForecastInput input, ForecastOptions options, ForecastScenario? scenario = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        scenario ??= ForecastScenario.Baseline;
        var model = new VisaDecisionModel(input.History, input.Fallback, scenario, options.From,
            input.Renewals.Select(r => r.Request).Concat(input.Nominations.Select(n => n.Request)));
        var categories = Enum.GetValues<StaffCategory>();
        var perRun = new List<Dictionary<string, int[]>>();
        var firstBelow = new List<Dictionary<StaffCategory, int?>>();
        for (var run = 0; run < options.Runs; run++)
        {
            var random = new ForecastRandom(options.Seed, run);
            var (staff, arrivals) = Draw(input, options, scenario, model, ref random);
            var counts = new Dictionary<string, int[]>();
            foreach (var c in categories) counts[c.ToString()] = new int[options.Days];
            counts["Members"] = new int[options.Days];
            counts["Family"] = new int[options.Days];
            for (var d = 0; d < options.Days; d++)
            {
                var date = options.From.AddDays(d);
                var present = arrivals.Where(a => a.Day is { } day && (a.Out is not { } o || o > date))
                    .Select(a => new ArrivalFacts(Guid.Empty, a.Category, a.Day!.Value)).ToList();
                var h = HeadcountRules.On(staff, present, date);
                foreach (var c in h.Categories) counts[c.Category.ToString()][d] = c.Count.Count;
                counts[nameof(StaffCategory.PrivateServant)][d] = h.PrivateServants.Count;
                counts["Members"][d] = h.Members.Count;
                counts["Family"][d] = h.Family.Count;
            }
            perRun.Add(counts);
            firstBelow.Add(input.Minimums.ToDictionary(m => m.Key, m =>
            {
                var series = counts[m.Key.ToString()];
                var first = Array.FindIndex(series, x => x < m.Value);
                return first < 0 ? (int?)null : first;
            }));
        }

        List<ForecastBand> Bands(string key) => [.. Enumerable.Range(0, options.Days).Select(d =>
        {
            var values = perRun.Select(r => r[key][d]).Order().ToList();
            return new ForecastBand(options.From.AddDays(d), VisaStatisticsRules.NearestRank(values, 10), VisaStatisticsRules.NearestRank(values, 50),
                VisaStatisticsRules.NearestRank(values, 90), values.Sum() / (double)values.Count);
        })];
        ForecastRisk Risk(StaffCategory category, int minimum)
        {
            var firsts = firstBelow.Select(f => f[category]).ToList();
            var byDay = Enumerable.Range(0, options.Days)
                .Select(d => new ForecastProbability(options.From.AddDays(d), firsts.Count(f => f <= d) / (double)options.Runs)).ToList();
            var below = firsts.Where(f => f is not null).Select(f => f!.Value).Order().ToList();
            var medianRank = (int)Math.Ceiling(0.5 * options.Runs);
            DateOnly? median = below.Count >= medianRank ? options.From.AddDays(below[medianRank - 1]) : null;
            DateOnly? mean = below.Count == 0 ? null : options.From.AddDays((int)Math.Round(below.Sum(x => (long)x) / (double)below.Count, MidpointRounding.AwayFromZero));
            return new ForecastRisk(minimum, byDay, below.Count / (double)options.Runs, median, mean);
        }
        var possible = input.Staff.Select(s => s.Category).Concat(input.Arrivals.Select(a => a.Category)).Concat(input.Nominations.Select(n => n.Category)).ToHashSet();
        var shown = categories.Where(c => c != StaffCategory.PrivateServant && (possible.Contains(c) || input.Minimums.ContainsKey(c)))
            .Select(c => new ForecastCategory(c, Bands(c.ToString()), input.Minimums.TryGetValue(c, out var m) ? Risk(c, m) : null)).ToList();
        return new ForecastResult(options.From, options.To, options.Runs, options.Seed, shown, Bands("Members"), Bands("Family"),
            Bands(nameof(StaffCategory.PrivateServant)), model.Basis);
    }

    /// <summary>One run's facts: renewals and nominations decided, then the scenario's expulsions and caps in the order they take effect.</summary>
    private static (List<StaffFacts> Staff, List<Arrival> Arrivals) Draw(
        ForecastInput input, ForecastOptions options, ForecastScenario scenario, VisaDecisionModel model, ref ForecastRandom random)
    {
        var staff = input.Staff.ToList();
        foreach (var renewal in input.Renewals)
        {
            var decision = model.Draw(ref random, model.Prepare(renewal.Request));
            if (decision.Outcome != DrawnOutcome.Granted) continue;
            var day = DateOnly.FromDayNumber(decision.DayNumber);
            DateOnly? Extended(DateOnly? original, DateOnly? current) =>
                original is { } o && day < o ? (renewal.LapsesOnIfGranted is { } g && current is { } c ? (g > c ? g : c) : null) : current;
            for (var i = 0; i < staff.Count; i++)
            {
                var s = staff[i];
                var o = input.Staff[i];
                if (o.PersonId == renewal.PersonId) s = s with { VisaLapsesOn = Extended(o.VisaLapsesOn, s.VisaLapsesOn) };
                if (o.Family.Any(f => f.PersonId == renewal.PersonId))
                    s = s with { Family = [.. s.Family.Select((f, k) => o.Family[k].PersonId == renewal.PersonId ? f with { VisaLapsesOn = Extended(o.Family[k].VisaLapsesOn, f.VisaLapsesOn) } : f)] };
                staff[i] = s;
            }
        }
        var arrivals = input.Arrivals.Select(a => new Arrival(a.Category, a.ArrivesOn)).ToList();
        foreach (var n in input.Nominations)
        {
            var decision = model.Draw(ref random, model.Prepare(n.Request));
            var ready = DateOnly.FromDayNumber(decision.DayNumber).AddDays(n.ArrivalLagDays);
            arrivals.Add(new Arrival(n.Category, decision.Outcome != DrawnOutcome.Granted ? null : n.ExpectedArrivalOn is { } e && e > ready ? e : ready));
        }

        var caps = scenario.Caps ?? [];
        var expulsions = scenario.Expulsions ?? [];
        if (caps.Count == 0 && expulsions.Count == 0) return (staff, arrivals);
        foreach (var a in arrivals) a.Accepted = caps.Count == 0 && a.Day is not null;
        var timeline = expulsions.Select((e, i) => (Day: e.LeaveBy.AddDays(1), Kind: 0, Index: i))
            .Concat(caps.Select((c, i) => (Day: c.InForceFrom, Kind: 1, Index: i)))
            .Concat(caps.Count == 0 ? [] : arrivals.Select((a, i) => (Day: a.Day ?? DateOnly.MaxValue, Kind: 2, Index: i)).Where(x => x.Day != DateOnly.MaxValue))
            .OrderBy(x => x.Day).ThenBy(x => x.Kind).ThenBy(x => x.Index).ToList();
        bool Counted(ForecastCap cap, StaffCategory c) => cap.Category is { } only ? only == c : c is not (StaffCategory.LocallyEngaged or StaffCategory.PrivateServant);
        bool Here(Arrival a, DateOnly day) => a.Accepted && a.Day <= day && (a.Out is not { } o || o > day);
        void Remove(int candidate, DateOnly day)
        {
            if (candidate < staff.Count) staff[candidate] = staff[candidate] with { LeaveBy = day.AddDays(-1), FamilyLeaves = true };
            else arrivals[candidate - staff.Count].Out = day;
        }
        foreach (var (day, kind, index) in timeline)
        {
            if (kind == 0)
            {
                var e = expulsions[index];
                var candidates = staff.Select((s, i) => (s, i)).Where(x => x.s.Category == e.Category && x.s.AtPostOn(e.LeaveBy) && x.s.AtPostOn(day)).Select(x => x.i)
                    .Concat(arrivals.Select((a, i) => (a, i)).Where(x => x.a.Category == e.Category && Here(x.a, e.LeaveBy) && Here(x.a, day)).Select(x => staff.Count + x.i))
                    .ToList();
                for (var k = 0; k < Math.Min(e.Count, candidates.Count); k++)
                {
                    var j = k + random.NextInt(candidates.Count - k);
                    (candidates[k], candidates[j]) = (candidates[j], candidates[k]);
                    Remove(candidates[k], day);
                }
            }
            else if (kind == 1)
            {
                var cap = caps[index];
                var counted = staff.Select((s, i) => (Start: s.StartOn, Candidate: i, Here: Counted(cap, s.Category) && s.AtPostOn(day)))
                    .Concat(arrivals.Select((a, i) => (Start: a.Day ?? DateOnly.MaxValue, Candidate: staff.Count + i, Here: Counted(cap, a.Category) && Here(a, day))))
                    .Where(x => x.Here).OrderByDescending(x => x.Start).ThenByDescending(x => x.Candidate).ToList();
                foreach (var x in counted.Take(Math.Max(0, counted.Count - cap.Limit))) Remove(x.Candidate, day);
            }
            else
            {
                var a = arrivals[index];
                var blocked = caps.Any(cap => cap.InForceFrom <= day && Counted(cap, a.Category)
                    && staff.Count(s => Counted(cap, s.Category) && s.AtPostOn(day)) + arrivals.Count(b => Counted(cap, b.Category) && Here(b, day)) >= cap.Limit);
                if (blocked) a.Day = null;
                else a.Accepted = true;
            }
        }
        return (staff, arrivals);
    }
}
