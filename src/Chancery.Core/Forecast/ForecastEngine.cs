using Chancery.Core.Common;

namespace Chancery.Core.Forecast;

/// <summary>
/// Monte Carlo projection of one mission's headcount: known ends as <see cref="Posts.HeadcountRules"/> counts them,
/// uncertain visa decisions drawn per run from the observed statistics, bands aggregated as runs go.
/// </summary>
public static class ForecastEngine
{
    /// <summary>
    /// Runs the forecast. <paramref name="progress"/> receives the number of runs done so far (from any thread, at most a
    /// few hundred times); <paramref name="ct"/> stops it between blocks of runs. Pure: same input, options and scenario
    /// give the same result, whatever the degree of parallelism.
    /// </summary>
    /// <exception cref="ValidationFailedException">Options or scenario out of range (see <see cref="Validate"/>).</exception>
    public static ForecastResult Run(ForecastInput input, ForecastOptions options, ForecastScenario? scenario = null, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var v = new Validator();
        Validate(options, scenario, v);
        v.ThrowIfAny();
        scenario ??= ForecastScenario.Baseline;
        var plan = new ForecastPlan(input, options, scenario);
        var total = new ForecastWorker(plan, options.Seed);
        var blocks = (options.Runs + BlockSize - 1) / BlockSize;
        var done = 0;
        void RunBlock(ForecastWorker worker, int block)
        {
            var end = Math.Min(options.Runs, (block + 1) * BlockSize);
            for (var run = block * BlockSize; run < end; run++) worker.Run(run);
            progress?.Report(Interlocked.Add(ref done, end - block * BlockSize));
        }
        if (options.DegreeOfParallelism == 1 || blocks == 1)
        {
            for (var b = 0; b < blocks; b++)
            {
                ct.ThrowIfCancellationRequested();
                RunBlock(total, b);
            }
        }
        else
        {
            var gate = new Lock();
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = options.DegreeOfParallelism, CancellationToken = ct },
                () => new ForecastWorker(plan, options.Seed),
                (b, _, worker) => { RunBlock(worker, b); return worker; },
                worker => { lock (gate) total.Merge(worker); });
        }
        return total.Result(options, plan.Model.Basis);
    }

    /// <summary>Runs per block: the unit of work handed to a thread, of progress and of cancellation.</summary>
    private const int BlockSize = 128;

    /// <summary>
    /// Records what is out of range, under these field names: <c>days</c> (1 to <see cref="ForecastOptions.MaxDays"/>),
    /// <c>runs</c> (1 to <see cref="ForecastOptions.MaxRuns"/>), <c>parallelism</c> (at least 1), <c>factor</c>
    /// (processing-time factor, above 0 and at most 100), <c>refusalRate</c> (0 to 1), <c>expel</c> (count 0 to 10,000,
    /// leave-by within the forecast), <c>cap</c> (limit 0 to 100,000, in force within the forecast).
    /// </summary>
    public static void Validate(ForecastOptions options, ForecastScenario? scenario, Validator v)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(v);
        if (options.Days is < 1 or > ForecastOptions.MaxDays)
            v.Add("days", $"days {options.Days} is out of range; use 1 to {ForecastOptions.MaxDays}.");
        if (options.Runs is < 1 or > ForecastOptions.MaxRuns)
            v.Add("runs", $"runs {options.Runs} is out of range; use 1 to {ForecastOptions.MaxRuns}.");
        if (options.DegreeOfParallelism < 1)
            v.Add("parallelism", $"parallelism {options.DegreeOfParallelism} is out of range; use 1 or more.");
        if (scenario is null) return;
        if (!(scenario.ProcessingTimeFactor > 0 && scenario.ProcessingTimeFactor <= MaxFactor))
            v.Add("factor", $"factor {scenario.ProcessingTimeFactor} is out of range; use a number above 0 and at most {MaxFactor} (1 keeps processing times as observed).");
        if (scenario.RefusalRate is { } rate && !(rate >= 0 && rate <= 1))
            v.Add("refusalRate", $"refusalRate {rate} is out of range; use 0 to 1 (e.g. 0.25 for one in four).");
        var to = options.Days is >= 1 and <= ForecastOptions.MaxDays ? options.To : options.From.AddDays(ForecastOptions.MaxDays - 1);
        foreach (var e in scenario.Expulsions ?? [])
        {
            if (e.Count is < 0 or > MaxExpulsions)
                v.Add("expel", $"expel count {e.Count} is out of range; use 0 to {MaxExpulsions}.");
            if (e.LeaveBy < options.From || e.LeaveBy > to)
                v.Add("expel", $"expel leave-by {e.LeaveBy:yyyy-MM-dd} is outside the forecast; use {options.From:yyyy-MM-dd} to {to:yyyy-MM-dd}.");
        }
        foreach (var c in scenario.Caps ?? [])
        {
            if (c.Limit is < 0 or > MaxCap)
                v.Add("cap", $"cap limit {c.Limit} is out of range; use 0 to {MaxCap}.");
            if (c.InForceFrom < options.From || c.InForceFrom > to)
                v.Add("cap", $"cap in force from {c.InForceFrom:yyyy-MM-dd} is outside the forecast; use {options.From:yyyy-MM-dd} to {to:yyyy-MM-dd}.");
        }
    }

    /// <summary>Largest processing-time factor.</summary>
    public const double MaxFactor = 100;

    /// <summary>Most expulsions in one scenario entry.</summary>
    public const int MaxExpulsions = 10_000;

    /// <summary>Largest cap limit.</summary>
    public const int MaxCap = 100_000;
}
