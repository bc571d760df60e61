using Chancery.Core.People;

namespace Chancery.Core.Forecast;

/// <summary>
/// One thread's share of a forecast: it draws runs and folds each into per-day histograms of counts (kept as changes
/// over days, so a run costs the days it scans plus its changes, not days × counts), then merges with the others'.
/// Nothing per run is kept.
/// </summary>
internal sealed class ForecastWorker
{
    private readonly ForecastPlan _plan;
    private readonly ulong _seed;
    private readonly int _stride;
    private readonly int[]?[] _runDelta = new int[ForecastPlan.SeriesCount][];
    private readonly int[]?[] _histogram = new int[ForecastPlan.SeriesCount][];
    private readonly int[]?[] _firstBelow = new int[ForecastPlan.SeriesCount][];
    private int _runs;

    // Per-run state of the persons drawn.
    private readonly int[] _leaveBy;
    private readonly bool[] _familyLeaves;
    private readonly int[] _lapses;
    private readonly int[][] _familyLapses;
    private readonly int[] _arrival;
    private readonly int[] _out;
    private readonly bool[] _accepted;
    private readonly int[] _arrivalCategory;
    private readonly List<int> _candidates = [];
    private readonly List<(int Day, int Kind, int Index)> _timeline = [];

    public ForecastWorker(ForecastPlan plan, ulong seed)
    {
        _plan = plan;
        _seed = seed;
        _stride = plan.Days + 1;
        for (var s = 0; s < ForecastPlan.SeriesCount; s++)
        {
            if (!plan.Variable[s]) continue;
            _runDelta[s] = new int[_stride];
            _histogram[s] = new int[(plan.MaxCount[s] + 1) * _stride];
            if (plan.Minimum[s] >= 0) _firstBelow[s] = new int[_stride];
        }
        var staff = plan.Staff;
        _leaveBy = new int[staff.Length];
        _familyLeaves = new bool[staff.Length];
        _lapses = new int[staff.Length];
        _familyLapses = [.. staff.Select(s => new int[s.Family.Length])];
        var arrivals = plan.KnownArrivals.Length + plan.Nominations.Length;
        _arrival = new int[arrivals];
        _out = new int[arrivals];
        _accepted = new bool[arrivals];
        _arrivalCategory = [.. plan.KnownArrivals.Select(a => a.Category).Concat(plan.Nominations.Select(n => n.Category))];
    }

    /// <summary>Draws run <paramref name="run"/> and adds it to the histograms.</summary>
    public void Run(int run)
    {
        var plan = _plan;
        var random = new ForecastRandom(_seed, run);
        var staff = plan.Staff;
        for (var i = 0; i < staff.Length; i++)
        {
            var s = staff[i];
            _leaveBy[i] = s.LeaveBy;
            _familyLeaves[i] = s.FamilyLeaves;
            _lapses[i] = s.VisaLapsesOn;
            Array.Copy(s.FamilyLapsesOn, _familyLapses[i], s.FamilyLapsesOn.Length);
        }
        foreach (var r in plan.Renewals)
        {
            var decision = plan.Model.Draw(ref random, r.Request);
            if (decision.Outcome != DrawnOutcome.Granted) continue;
            foreach (var (si, fi) in r.Targets)
            {
                var original = fi < 0 ? staff[si].VisaLapsesOn : staff[si].FamilyLapsesOn[fi];
                if (original == ForecastPlan.Never || decision.DayNumber >= original) continue;
                ref var current = ref fi < 0 ? ref _lapses[si] : ref _familyLapses[si][fi];
                current = Math.Max(current, r.LapsesOnIfGranted);
            }
        }
        var known = plan.KnownArrivals.Length;
        for (var k = 0; k < known; k++) _arrival[k] = plan.KnownArrivals[k].Day;
        for (var n = 0; n < plan.Nominations.Length; n++)
        {
            var nomination = plan.Nominations[n];
            var decision = plan.Model.Draw(ref random, nomination.Request);
            var ready = decision.DayNumber + nomination.Lag;
            _arrival[known + n] = decision.Outcome == DrawnOutcome.Granted ? Math.Max(nomination.ExpectedArrival ?? ready, ready) : ForecastPlan.Never;
        }
        Array.Fill(_out, ForecastPlan.Never);
        if (plan.Events.Length > 0) ApplyEvents(ref random);

        for (var s = 0; s < ForecastPlan.SeriesCount; s++)
            if (_runDelta[s] is { } d) Array.Clear(d);
        var delta = _runDelta!;
        for (var i = 0; i < staff.Length; i++)
            plan.AddStaff(delta!, staff[i], _leaveBy[i], _familyLeaves[i], _lapses[i], _familyLapses[i]);
        for (var a = 0; a < _arrival.Length; a++)
        {
            var category = _arrivalCategory[a];
            plan.AddInterval(delta!, category, _arrival[a], _out[a], category != (int)StaffCategory.PrivateServant);
        }
        Fold();
        _runs++;
    }

    /// <summary>Scans each varying series day by day and records where its count changes, and its first day below the minimum.</summary>
    private void Fold()
    {
        var days = _plan.Days;
        var stride = _stride;
        for (var s = 0; s < ForecastPlan.SeriesCount; s++)
        {
            if (_runDelta[s] is not { } delta) continue;
            var stat = _plan.StaticDelta[s];
            var histogram = _histogram[s]!;
            var below = _firstBelow[s];
            var minimum = _plan.Minimum[s];
            var found = below is null;
            var count = 0;
            var previous = -1;
            for (var d = 0; d < days; d++)
            {
                count += stat[d] + delta[d];
                if (count == previous) continue;
                if (previous >= 0) histogram[(previous * stride) + d]--;
                histogram[(count * stride) + d]++;
                previous = count;
                if (!found && count < minimum)
                {
                    below![d]++;
                    found = true;
                }
            }
            if (!found) below![days]++;
        }
    }

    /// <summary>Expulsions and caps in the order they take effect, with arrivals checked against caps in force.</summary>
    private void ApplyEvents(ref ForecastRandom random)
    {
        var plan = _plan;
        var caps = plan.Caps.Length > 0;
        for (var a = 0; a < _arrival.Length; a++) _accepted[a] = !caps && _arrival[a] != ForecastPlan.Never;
        _timeline.Clear();
        for (var e = 0; e < plan.Events.Length; e++) _timeline.Add((plan.Events[e].Day, plan.Events[e].Kind, e));
        if (caps)
        {
            for (var a = 0; a < _arrival.Length; a++)
                if (_arrival[a] != ForecastPlan.Never) _timeline.Add((_arrival[a], 2, a));
            _timeline.Sort();
        }
        foreach (var (day, kind, index) in _timeline)
        {
            switch (kind)
            {
                case 0: Expel(ref random, plan.Events[index].Expulsion!); break;
                case 1: Cap(plan.Events[index].Cap!); break;
                default: Arrive(index, day); break;
            }
        }
    }

    private int EndOf(int i) => Math.Min(Math.Min(_plan.Staff[i].EndExclusive, _leaveBy[i] == ForecastPlan.Never ? ForecastPlan.Never : _leaveBy[i] + 1), _lapses[i]);

    private void Expel(ref ForecastRandom random, ForecastExpulsion expulsion)
    {
        var e = expulsion.LeaveBy.DayNumber;
        var category = (int)expulsion.Category;
        _candidates.Clear();
        var staff = _plan.Staff;
        for (var i = 0; i < staff.Length; i++)
            if (staff[i].Category == category && staff[i].Start <= e && EndOf(i) > e + 1) _candidates.Add(i);
        for (var a = 0; a < _arrival.Length; a++)
            if (_arrivalCategory[a] == category && _accepted[a] && _arrival[a] <= e && _out[a] > e + 1) _candidates.Add(staff.Length + a);
        var take = Math.Min(expulsion.Count, _candidates.Count);
        for (var k = 0; k < take; k++)
        {
            var j = k + random.NextInt(_candidates.Count - k);
            (_candidates[k], _candidates[j]) = (_candidates[j], _candidates[k]);
            Remove(_candidates[k], e + 1);
        }
    }

    private void Cap(ForecastCap cap)
    {
        var c = cap.InForceFrom.DayNumber;
        _candidates.Clear();
        var staff = _plan.Staff;
        for (var i = 0; i < staff.Length; i++)
            if (Counts(cap, staff[i].Category) && staff[i].Start <= c && EndOf(i) > c) _candidates.Add(i);
        for (var a = 0; a < _arrival.Length; a++)
            if (Counts(cap, _arrivalCategory[a]) && _accepted[a] && _arrival[a] <= c && _out[a] > c) _candidates.Add(staff.Length + a);
        var excess = _candidates.Count - cap.Limit;
        if (excess <= 0) return;
        // Last in, first out: the latest start first, on a tie the later in the input.
        _candidates.Sort((x, y) => StartOf(y) != StartOf(x) ? StartOf(y).CompareTo(StartOf(x)) : y.CompareTo(x));
        for (var k = 0; k < excess; k++) Remove(_candidates[k], c);
    }

    private void Arrive(int a, int day)
    {
        var staff = _plan.Staff;
        foreach (var cap in _plan.Caps)
        {
            if (cap.InForceFrom.DayNumber > day || !Counts(cap, _arrivalCategory[a])) continue;
            var count = 0;
            for (var i = 0; i < staff.Length; i++)
                if (Counts(cap, staff[i].Category) && staff[i].Start <= day && EndOf(i) > day) count++;
            for (var b = 0; b < _arrival.Length; b++)
                if (Counts(cap, _arrivalCategory[b]) && _accepted[b] && _arrival[b] <= day && _out[b] > day) count++;
            if (count >= cap.Limit)
            {
                _arrival[a] = ForecastPlan.Never;
                return;
            }
        }
        _accepted[a] = true;
    }

    private int StartOf(int candidate) =>
        candidate < _plan.Staff.Length ? _plan.Staff[candidate].Start : _arrival[candidate - _plan.Staff.Length];

    /// <summary>Out from <paramref name="day"/>: a staff member leaves by the day before, with the household; an arrival stops counting.</summary>
    private void Remove(int candidate, int day)
    {
        if (candidate < _plan.Staff.Length)
        {
            _leaveBy[candidate] = day - 1;
            _familyLeaves[candidate] = true;
        }
        else _out[candidate - _plan.Staff.Length] = day;
    }

    private static bool Counts(ForecastCap cap, int category) =>
        cap.Category is { } c ? (int)c == category : category is not ((int)StaffCategory.LocallyEngaged or (int)StaffCategory.PrivateServant);

    /// <summary>Adds another worker's histograms to this one's.</summary>
    public void Merge(ForecastWorker other)
    {
        for (var s = 0; s < ForecastPlan.SeriesCount; s++)
        {
            if (_histogram[s] is { } h) Add(h, other._histogram[s]!);
            if (_firstBelow[s] is { } b) Add(b, other._firstBelow[s]!);
        }
        _runs += other._runs;
    }

    private static void Add(int[] into, int[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i] += from[i];
    }

    /// <summary>The bands and risks of all runs folded in.</summary>
    public ForecastResult Result(ForecastOptions options, IReadOnlyList<ForecastBasis> basis)
    {
        var plan = _plan;
        var days = plan.Days;
        var stride = _stride;
        var bands = new IReadOnlyList<ForecastBand>[ForecastPlan.SeriesCount];
        var risks = new ForecastRisk?[ForecastPlan.SeriesCount];
        for (var s = 0; s < ForecastPlan.SeriesCount; s++)
        {
            var max = plan.MaxCount[s];
            var perDay = new int[(max + 1) * stride];
            var below = new int[stride];
            if (_histogram[s] is { } histogram)
            {
                for (var k = 0; k <= max; k++)
                {
                    var running = 0;
                    for (var d = 0; d < days; d++) perDay[(k * stride) + d] = running += histogram[(k * stride) + d];
                }
                if (_firstBelow[s] is { } b) Array.Copy(b, below, stride);
            }
            else
            {
                // The same in every run: the counts of those whose days are certain.
                var count = 0;
                var found = false;
                for (var d = 0; d < days; d++)
                {
                    count += plan.StaticDelta[s][d];
                    perDay[(count * stride) + d] = _runs;
                    if (!found && count < plan.Minimum[s]) { below[d] = _runs; found = true; }
                }
                if (!found) below[days] = _runs;
            }
            bands[s] = Bands(perDay, max, options.From, days);
            if (plan.Minimum[s] >= 0) risks[s] = Risk(below, plan.Minimum[s], options.From, days);
        }
        var categories = Enum.GetValues<StaffCategory>()
            .Where(c => c != StaffCategory.PrivateServant && (plan.MaxCount[(int)c] > 0 || plan.Minimum[(int)c] >= 0))
            .Select(c => new ForecastCategory(c, bands[(int)c], risks[(int)c])).ToList();
        return new ForecastResult(options.From, options.To, _runs, options.Seed, categories,
            bands[ForecastPlan.MembersSeries], bands[ForecastPlan.FamilySeries], bands[(int)StaffCategory.PrivateServant], basis);
    }

    private List<ForecastBand> Bands(int[] perDay, int max, DateOnly from, int days)
    {
        int Rank(int percent) => Math.Clamp((int)Math.Ceiling(percent / 100.0 * _runs), 1, _runs);
        var (r10, r50, r90) = (Rank(10), Rank(50), Rank(90));
        var result = new List<ForecastBand>(days);
        for (var d = 0; d < days; d++)
        {
            int p10 = -1, p50 = -1, p90 = -1, cumulative = 0;
            long sum = 0;
            for (var k = 0; k <= max; k++)
            {
                var n = perDay[(k * _stride) + d];
                if (n == 0) continue;
                cumulative += n;
                sum += (long)k * n;
                if (p10 < 0 && cumulative >= r10) p10 = k;
                if (p50 < 0 && cumulative >= r50) p50 = k;
                if (p90 < 0 && cumulative >= r90) p90 = k;
            }
            result.Add(new ForecastBand(from.AddDays(d), p10, p50, p90, (double)sum / _runs));
        }
        return result;
    }

    private ForecastRisk Risk(int[] firstBelow, int minimum, DateOnly from, int days)
    {
        var byDay = new List<ForecastProbability>(days);
        var cumulative = 0;
        var median = (int)Math.Ceiling(0.5 * _runs);
        DateOnly? medianOn = null;
        long sum = 0;
        for (var d = 0; d < days; d++)
        {
            cumulative += firstBelow[d];
            sum += (long)d * firstBelow[d];
            byDay.Add(new ForecastProbability(from.AddDays(d), (double)cumulative / _runs));
            if (medianOn is null && cumulative >= median) medianOn = from.AddDays(d);
        }
        DateOnly? meanOn = cumulative == 0 ? null : from.AddDays((int)Math.Round((double)sum / cumulative, MidpointRounding.AwayFromZero));
        return new ForecastRisk(minimum, byDay, (double)cumulative / _runs, medianOn, meanOn);
    }
}
