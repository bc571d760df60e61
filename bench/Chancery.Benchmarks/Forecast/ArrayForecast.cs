using Chancery.Core.Forecast;
using Chancery.Core.People;
using Chancery.Core.Visas;

namespace Chancery.Benchmarks.Forecast;

/// <summary>
/// The forecast as a competent engineer would write it without the engine's tricks: the README's baseline. Everything is
/// turned into day numbers once; each run draws the same decisions as the engine (same random stream, same
/// <see cref="VisaDecisionModel"/>, same order), rewrites the lapse days and arrivals in flat arrays, applies the
/// scenario's expulsions and caps, and turns every person's days at post into an interval [start, end) added to a
/// difference array per series; a prefix sum gives the run's daily counts, stored run by run in one flat array per
/// series. At the end each day's values over the runs are tallied for the nearest-rank percentiles. No allocation per
/// run or per day, no per-day pass over the staff; what it lacks of the engine is the split between people whose days
/// are certain (added once) and those drawn per run, and histograms kept as runs go instead of every run's days.
/// It must give exactly the engine's result (<c>forecast --check</c>).
/// </summary>
public static class ArrayForecast
{
    private const int Never = int.MaxValue / 2;
    private const int Categories = 6;
    private const int PrivateServant = (int)StaffCategory.PrivateServant;
    private const int MembersSeries = Categories;
    private const int FamilySeries = Categories + 1;
    private const int SeriesCount = Categories + 2;

    /// <summary>The forecast of <paramref name="input"/>, one thread.</summary>
    public static ForecastResult Run(ForecastInput input, ForecastOptions options, ForecastScenario? scenario = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        scenario ??= ForecastScenario.Baseline;
        var model = new VisaDecisionModel(input.History, input.Fallback, scenario, options.From,
            input.Renewals.Select(r => r.Request).Concat(input.Nominations.Select(n => n.Request)));
        var from = options.From.DayNumber;
        var days = options.Days;
        var runs = options.Runs;

        // The facts in day numbers (exclusive ends), once.
        var staffCount = input.Staff.Count;
        var category = new int[staffCount];
        var start = new int[staffCount];
        var end = new int[staffCount];
        var leaveBy0 = new int[staffCount];
        var familyLeaves0 = new bool[staffCount];
        var lapse0 = new int[staffCount];
        var familyOffset = new int[staffCount + 1];
        for (var i = 0; i < staffCount; i++) familyOffset[i + 1] = familyOffset[i] + input.Staff[i].Family.Count;
        var familyStart = new int[familyOffset[staffCount]];
        var familyEnd = new int[familyStart.Length];
        var familyLapse0 = new int[familyStart.Length];
        var people = new Dictionary<Guid, List<int>>();
        void Link(Guid person, int target)
        {
            if (!people.TryGetValue(person, out var list)) people[person] = list = [];
            list.Add(target);
        }
        for (var i = 0; i < staffCount; i++)
        {
            var s = input.Staff[i];
            category[i] = (int)s.Category;
            start[i] = s.StartOn.DayNumber;
            end[i] = s.EndedOn is { } e ? e.DayNumber + 1 : Never;
            leaveBy0[i] = s.LeaveBy?.DayNumber ?? Never;
            familyLeaves0[i] = s.FamilyLeaves;
            lapse0[i] = s.VisaLapsesOn?.DayNumber ?? Never;
            // Renewal targets: a staff member as ~i, a household member as its flat index.
            Link(s.PersonId, ~i);
            for (var k = 0; k < s.Family.Count; k++)
            {
                var f = s.Family[k];
                var j = familyOffset[i] + k;
                familyStart[j] = f.StartOn.DayNumber;
                familyEnd[j] = f.EndedOn is { } fe ? fe.DayNumber + 1 : Never;
                familyLapse0[j] = f.VisaLapsesOn?.DayNumber ?? Never;
                Link(f.PersonId, j);
            }
        }
        var renewals = input.Renewals.Select(r => (Request: model.Prepare(r.Request), Targets: people.TryGetValue(r.PersonId, out var t) ? t.ToArray() : [],
            Granted: r.LapsesOnIfGranted?.DayNumber ?? Never)).ToArray();
        var nominations = input.Nominations.Select(n => (Request: model.Prepare(n.Request), Category: (int)n.Category, Expected: n.ExpectedArrivalOn?.DayNumber, n.ArrivalLagDays)).ToArray();
        var knownArrivals = input.Arrivals.Count;
        var arrivalCount = knownArrivals + nominations.Length;
        var arrivalCategory = new int[arrivalCount];
        var arrivalDay0 = new int[arrivalCount];
        for (var a = 0; a < knownArrivals; a++)
        {
            arrivalCategory[a] = (int)input.Arrivals[a].Category;
            arrivalDay0[a] = input.Arrivals[a].ArrivesOn.DayNumber;
        }
        for (var n = 0; n < nominations.Length; n++) arrivalCategory[knownArrivals + n] = nominations[n].Category;
        var caps = scenario.Caps ?? [];
        var expulsions = scenario.Expulsions ?? [];
        var events = expulsions.Select((e, i) => (Day: e.LeaveBy.DayNumber + 1, Kind: 0, Index: i))
            .Concat(caps.Select((c, i) => (Day: c.InForceFrom.DayNumber, Kind: 1, Index: i)))
            .OrderBy(x => x.Day).ThenBy(x => x.Kind).ThenBy(x => x.Index).ToArray();
        var minimums = input.Minimums.Select(m => (Category: (int)m.Key, m.Value)).ToArray();

        // Per-run state, reused.
        var leaveBy = new int[staffCount];
        var familyLeaves = new bool[staffCount];
        var lapse = new int[staffCount];
        var familyLapse = new int[familyStart.Length];
        var arrivalDay = new int[arrivalCount];
        var arrivalOut = new int[arrivalCount];
        var accepted = new bool[arrivalCount];
        var candidates = new List<int>();
        var timeline = new List<(int Day, int Kind, int Index)>();
        var counted = new List<(int Start, int Candidate)>();
        var delta = new int[SeriesCount][];
        for (var s = 0; s < SeriesCount; s++) delta[s] = new int[days + 1];
        // Every run's daily counts, run by run: values[series][run * days + day].
        var values = new int[SeriesCount][];
        for (var s = 0; s < SeriesCount; s++) values[s] = new int[days * runs];
        var firstBelow = new int[minimums.Length * runs];

        void Add(int series, int lo, int hi)
        {
            lo = Math.Max(lo - from, 0);
            hi = Math.Min(hi - from, days);
            if (lo >= hi) return;
            delta[series][lo]++;
            delta[series][hi]--;
        }
        bool AtPost(int i, int day) => start[i] <= day && day < end[i] && !(leaveBy[i] < day) && !(lapse[i] <= day);
        bool Here(int a, int day) => accepted[a] && arrivalDay[a] <= day && arrivalOut[a] > day;
        bool Counts(ForecastCap cap, int c) => cap.Category is { } only ? (int)only == c : c is not ((int)StaffCategory.LocallyEngaged or PrivateServant);
        void Remove(int candidate, int day)
        {
            if (candidate < staffCount)
            {
                leaveBy[candidate] = day - 1;
                familyLeaves[candidate] = true;
            }
            else arrivalOut[candidate - staffCount] = day;
        }

        for (var run = 0; run < runs; run++)
        {
            var random = new ForecastRandom(options.Seed, run);
            Array.Copy(leaveBy0, leaveBy, staffCount);
            Array.Copy(familyLeaves0, familyLeaves, staffCount);
            Array.Copy(lapse0, lapse, staffCount);
            Array.Copy(familyLapse0, familyLapse, familyLapse.Length);
            Array.Copy(arrivalDay0, arrivalDay, knownArrivals);
            Array.Fill(arrivalOut, Never);

            // Renewals, then nominations, in input order (the order of the random stream).
            foreach (var (request, targets, granted) in renewals)
            {
                var decision = model.Draw(ref random, request);
                if (decision.Outcome != DrawnOutcome.Granted) continue;
                foreach (var t in targets)
                {
                    // Granted before the original cover lapses: covered to the grant's lapse day, or for good.
                    if (t < 0)
                    {
                        if (lapse0[~t] != Never && decision.DayNumber < lapse0[~t]) lapse[~t] = Math.Max(granted, lapse[~t]);
                    }
                    else if (familyLapse0[t] != Never && decision.DayNumber < familyLapse0[t]) familyLapse[t] = Math.Max(granted, familyLapse[t]);
                }
            }
            for (var n = 0; n < nominations.Length; n++)
            {
                var (request, _, expected, lag) = nominations[n];
                var decision = model.Draw(ref random, request);
                var ready = decision.DayNumber + lag;
                arrivalDay[knownArrivals + n] = decision.Outcome != DrawnOutcome.Granted ? Never : expected is { } e && e > ready ? e : ready;
            }
            for (var a = 0; a < arrivalCount; a++) accepted[a] = caps.Count == 0 && arrivalDay[a] != Never;

            if (events.Length > 0)
            {
                timeline.Clear();
                foreach (var e in events) timeline.Add(e);
                if (caps.Count > 0)
                    for (var a = 0; a < arrivalCount; a++)
                        if (arrivalDay[a] != Never) timeline.Add((arrivalDay[a], 2, a));
                timeline.Sort();
                foreach (var (day, kind, index) in timeline)
                {
                    if (kind == 0)
                    {
                        var e = expulsions[index];
                        var c = (int)e.Category;
                        var leave = e.LeaveBy.DayNumber;
                        candidates.Clear();
                        for (var i = 0; i < staffCount; i++)
                            if (category[i] == c && AtPost(i, leave) && AtPost(i, day)) candidates.Add(i);
                        for (var a = 0; a < arrivalCount; a++)
                            if (arrivalCategory[a] == c && Here(a, leave) && Here(a, day)) candidates.Add(staffCount + a);
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
                        counted.Clear();
                        for (var i = 0; i < staffCount; i++)
                            if (Counts(cap, category[i]) && AtPost(i, day)) counted.Add((start[i], i));
                        for (var a = 0; a < arrivalCount; a++)
                            if (Counts(cap, arrivalCategory[a]) && Here(a, day)) counted.Add((arrivalDay[a], staffCount + a));
                        // Last in, first out; on a tie the later in the input.
                        counted.Sort((x, y) => x.Start != y.Start ? y.Start.CompareTo(x.Start) : y.Candidate.CompareTo(x.Candidate));
                        for (var k = 0; k < counted.Count - cap.Limit; k++) Remove(counted[k].Candidate, day);
                    }
                    else
                    {
                        var c = arrivalCategory[index];
                        var blocked = false;
                        foreach (var cap in caps)
                        {
                            if (cap.InForceFrom.DayNumber > day || !Counts(cap, c)) continue;
                            var count = 0;
                            for (var i = 0; i < staffCount; i++)
                                if (Counts(cap, category[i]) && AtPost(i, day)) count++;
                            for (var a = 0; a < arrivalCount; a++)
                                if (Counts(cap, arrivalCategory[a]) && Here(a, day)) count++;
                            if (count >= cap.Limit)
                            {
                                blocked = true;
                                break;
                            }
                        }
                        if (blocked) arrivalDay[index] = Never;
                        else accepted[index] = true;
                    }
                }
            }

            // Days at post as intervals, as HeadcountRules counts them.
            for (var s = 0; s < SeriesCount; s++) Array.Clear(delta[s]);
            for (var i = 0; i < staffCount; i++)
            {
                var c = category[i];
                var leave = leaveBy[i] == Never ? Never : leaveBy[i] + 1;
                var stop = Math.Min(Math.Min(end[i], leave), lapse[i]);
                Add(c, start[i], stop);
                if (c != PrivateServant) Add(MembersSeries, start[i], stop);
                for (var j = familyOffset[i]; j < familyOffset[i + 1]; j++)
                {
                    var lo = Math.Max(start[i], familyStart[j]);
                    var hi = Math.Min(Math.Min(end[i], familyEnd[j]), familyLapse[j]);
                    // Until the leave-by, while the member's cover lasts; after it, on their own cover if the household stays.
                    Add(FamilySeries, lo, Math.Min(hi, Math.Min(leave, lapse[i])));
                    if (!familyLeaves[i] && leave != Never) Add(FamilySeries, Math.Max(lo, leave), hi);
                }
            }
            for (var a = 0; a < arrivalCount; a++)
            {
                if (arrivalDay[a] == Never) continue;
                Add(arrivalCategory[a], arrivalDay[a], arrivalOut[a]);
                if (arrivalCategory[a] != PrivateServant) Add(MembersSeries, arrivalDay[a], arrivalOut[a]);
            }
            for (var s = 0; s < SeriesCount; s++)
            {
                var d = delta[s];
                var v = values[s];
                var count = 0;
                for (var day = 0; day < days; day++)
                {
                    count += d[day];
                    v[run * days + day] = count;
                }
            }
            for (var m = 0; m < minimums.Length; m++)
            {
                var (c, minimum) = minimums[m];
                var v = values[c];
                var first = -1;
                for (var day = 0; day < days && first < 0; day++)
                    if (v[run * days + day] < minimum) first = day;
                firstBelow[m * runs + run] = first;
            }
        }

        // A day's counts are small whole numbers (at most everyone on record), so its percentiles come from a tally of
        // the values rather than a sort of the runs.
        var tally = new int[staffCount + arrivalCount + familyStart.Length + 1];
        List<ForecastBand> Bands(int series)
        {
            var bands = new List<ForecastBand>(days);
            var v = values[series];
            for (var day = 0; day < days; day++)
            {
                var max = 0;
                long sum = 0;
                for (var i = day; i < v.Length; i += days)
                {
                    var x = v[i];
                    tally[x]++;
                    sum += x;
                    if (x > max) max = x;
                }
                int p10 = -1, p50 = -1, p90 = -1, seen = 0;
                for (var x = 0; x <= max; x++)
                {
                    seen += tally[x];
                    if (p10 < 0 && seen >= Rank(runs, 10)) p10 = x;
                    if (p50 < 0 && seen >= Rank(runs, 50)) p50 = x;
                    if (p90 < 0 && seen >= Rank(runs, 90)) p90 = x;
                    tally[x] = 0;
                }
                bands.Add(new ForecastBand(options.From.AddDays(day), p10, p50, p90, (int)sum / (double)runs));
            }
            return bands;
        }
        ForecastRisk Risk(int m, int minimum)
        {
            var firsts = firstBelow.AsSpan(m * runs, runs);
            // Runs first below on each day, then cumulated.
            var perDay = new int[days];
            var below = new List<int>();
            foreach (var f in firsts)
            {
                if (f < 0) continue;
                perDay[f]++;
                below.Add(f);
            }
            var byDay = new List<ForecastProbability>(days);
            var cumulated = 0;
            for (var day = 0; day < days; day++)
            {
                cumulated += perDay[day];
                byDay.Add(new ForecastProbability(options.From.AddDays(day), cumulated / (double)runs));
            }
            below.Sort();
            var medianRank = (int)Math.Ceiling(0.5 * runs);
            DateOnly? median = below.Count >= medianRank ? options.From.AddDays(below[medianRank - 1]) : null;
            long total = 0;
            foreach (var b in below) total += b;
            DateOnly? mean = below.Count == 0 ? null : options.From.AddDays((int)Math.Round(total / (double)below.Count, MidpointRounding.AwayFromZero));
            return new ForecastRisk(minimum, byDay, below.Count / (double)runs, median, mean);
        }

        var possible = new bool[Categories];
        foreach (var c in category) possible[c] = true;
        foreach (var c in arrivalCategory) possible[c] = true;
        var shown = new List<ForecastCategory>();
        for (var c = 0; c < Categories; c++)
        {
            var m = Array.FindIndex(minimums, x => x.Category == c);
            if (c == PrivateServant || !(possible[c] || m >= 0)) continue;
            shown.Add(new ForecastCategory((StaffCategory)c, Bands(c), m >= 0 ? Risk(m, minimums[m].Value) : null));
        }
        return new ForecastResult(options.From, options.To, runs, options.Seed, shown, Bands(MembersSeries), Bands(FamilySeries), Bands(PrivateServant), model.Basis);
    }

    /// <summary>The nearest rank (1-based) of <paramref name="percent"/> among <paramref name="count"/> values, as <see cref="VisaStatisticsRules.NearestRank"/>.</summary>
    private static int Rank(int count, int percent) => Math.Clamp((int)Math.Ceiling(percent / 100.0 * count), 1, count);
}
