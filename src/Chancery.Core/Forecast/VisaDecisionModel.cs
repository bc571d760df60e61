using Chancery.Core.Visas;

namespace Chancery.Core.Forecast;

/// <summary>What a run decided for one pending request.</summary>
public enum DrawnOutcome
{
    /// <summary>Granted on the drawn day.</summary>
    Granted,
    /// <summary>Refused on the drawn day.</summary>
    Refused,
    /// <summary>Not decided within the forecast: the host stopped issuing first.</summary>
    Undecided,
}

/// <summary>One run's decision of a request: the outcome and its day (as <see cref="DateOnly.DayNumber"/>).</summary>
public readonly record struct DrawnDecision(DrawnOutcome Outcome, int DayNumber);

/// <summary>
/// A pending request ready to draw from: the sorted processing days of its statistics, the first of them long enough
/// for a request still pending on the start day, its refusal rate (after the scenario) and its filing day.
/// </summary>
public readonly record struct PreparedRequest(int[] SortedDays, int FirstLongEnough, double RefusalRate, int FiledOnDayNumber, int AgeDays);

/// <summary>
/// The empirical processing-time and refusal distributions per request key, with the fallback of
/// <see cref="ProcessingFallback"/>, and the draw of one decision.
/// <para>
/// The draw, the same for renewals and nominations: first a number u in [0, 1) (refused when u &lt; the refusal
/// rate), then a processing time: uniformly among the observed days at least as long as the request's age on the
/// start day (it is still pending, so it was not decided sooner), or, when it is older than every observation, its age
/// plus a day count drawn uniformly among all of them. The decision day is the filing day plus the days times the
/// scenario's factor, rounded up, and not before the start day. On or after the day the host stops issuing, nothing is
/// decided. Exactly two numbers are drawn per request, whatever the outcome, so that a scenario changes the outcomes of
/// a run and never which numbers it draws.
/// </para>
/// </summary>
public sealed class VisaDecisionModel
{
    private readonly Dictionary<(string, string, string), (int[] Days, double RefusalRate)> _byKey = [];
    private readonly List<ForecastBasis> _basis = [];
    private readonly int _from;
    private readonly int? _stopFrom;
    private readonly double _factor;
    private readonly double? _refusalOverride;

    /// <summary>Distributions for <paramref name="requests"/> from the decided applications of <paramref name="history"/>.</summary>
    public VisaDecisionModel(IEnumerable<ResolvedApplication> history, ProcessingFallback? fallback, ForecastScenario? scenario, DateOnly from, IEnumerable<VisaRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(requests);
        fallback ??= ProcessingFallback.Default;
        scenario ??= ForecastScenario.Baseline;
        _from = from.DayNumber;
        _stopFrom = scenario.StopIssuingFrom?.DayNumber;
        _factor = scenario.ProcessingTimeFactor;
        _refusalOverride = scenario.RefusalRate;

        var keys = requests.Select(r => (r.IssuingStateCode, r.ApplicantStateCode, r.CategoryCode)).Distinct().ToList();
        var issuing = keys.Select(k => k.IssuingStateCode).ToHashSet(StringComparer.Ordinal);
        var byCategory = new Dictionary<(string, string, string), Observed>();
        var byApplicant = new Dictionary<(string, string), Observed>();
        var byIssuing = new Dictionary<string, Observed>(StringComparer.Ordinal);
        foreach (var a in history)
        {
            if (!a.IsDecision || !issuing.Contains(a.IssuingStateCode)) continue;
            var refused = a.Outcome == VisaApplicationOutcome.Refused;
            var days = a.DaysToDecision;
            Add(byCategory, (a.IssuingStateCode, a.ApplicantStateCode, a.CategoryCode), days, refused);
            Add(byApplicant, (a.IssuingStateCode, a.ApplicantStateCode), days, refused);
            Add(byIssuing, a.IssuingStateCode, days, refused);
        }
        foreach (var key in keys.OrderBy(k => k.IssuingStateCode, StringComparer.Ordinal).ThenBy(k => k.ApplicantStateCode, StringComparer.Ordinal).ThenBy(k => k.CategoryCode, StringComparer.Ordinal))
        {
            var (level, observed) =
                byCategory.TryGetValue(key, out var c) && c.Days.Count >= fallback.MinObservations ? (ForecastBasisLevel.Category, c)
                : byApplicant.TryGetValue((key.IssuingStateCode, key.ApplicantStateCode), out var ap) && ap.Days.Count >= fallback.MinObservations ? (ForecastBasisLevel.ApplicantState, ap)
                : byIssuing.TryGetValue(key.IssuingStateCode, out var i) && i.Days.Count >= fallback.MinObservations ? (ForecastBasisLevel.IssuingState, i)
                : (ForecastBasisLevel.Default, null);
            int[] sorted;
            double rate;
            if (observed is null)
            {
                sorted = [fallback.DefaultDays];
                rate = fallback.DefaultRefusalRate;
            }
            else
            {
                sorted = [.. observed.Days.Order()];
                rate = (double)observed.Refused / observed.Days.Count;
            }
            _byKey[key] = (sorted, rate);
            _basis.Add(new ForecastBasis(key.IssuingStateCode, key.ApplicantStateCode, key.CategoryCode, level, observed?.Days.Count ?? 0,
                VisaStatisticsRules.NearestRank(sorted, 50), rate));
        }
    }

    private sealed class Observed
    {
        public List<int> Days { get; } = [];
        public int Refused { get; set; }
    }

    private static void Add<TKey>(Dictionary<TKey, Observed> map, TKey key, int days, bool refused) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var o)) map[key] = o = new Observed();
        o.Days.Add(days);
        if (refused) o.Refused++;
    }

    /// <summary>The statistics used per key, before the scenario.</summary>
    public IReadOnlyList<ForecastBasis> Basis => _basis;

    /// <summary>The request with its distribution, ready to draw from (it must be one given to the constructor).</summary>
    public PreparedRequest Prepare(VisaRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (days, rate) = _byKey[(request.IssuingStateCode, request.ApplicantStateCode, request.CategoryCode)];
        var age = Math.Max(0, _from - request.FiledOn.DayNumber);
        var first = Array.BinarySearch(days, age);
        if (first < 0) first = ~first;
        else while (first > 0 && days[first - 1] == age) first--;
        return new PreparedRequest(days, first, _refusalOverride ?? rate, request.FiledOn.DayNumber, age);
    }

    /// <summary>One run's decision of <paramref name="request"/>: always draws exactly two numbers from <paramref name="random"/>.</summary>
    public DrawnDecision Draw(ref ForecastRandom random, in PreparedRequest request)
    {
        var refused = random.NextDouble() < request.RefusalRate;
        var days = request.SortedDays;
        var longEnough = days.Length - request.FirstLongEnough;
        var drawn = longEnough > 0
            ? days[request.FirstLongEnough + random.NextInt(longEnough)]
            : request.AgeDays + days[random.NextInt(days.Length)];
        var scaled = _factor == 1 ? drawn : (int)Math.Min(int.MaxValue / 4, Math.Ceiling(drawn * _factor));
        var day = Math.Max(_from, request.FiledOnDayNumber + scaled);
        if (_stopFrom is { } stop && day >= stop) return new DrawnDecision(DrawnOutcome.Undecided, day);
        return new DrawnDecision(refused ? DrawnOutcome.Refused : DrawnOutcome.Granted, day);
    }
}
