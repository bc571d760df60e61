using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chancery.Benchmarks.World;
using Chancery.Core.Forecast;
using Chancery.Core.People;

namespace Chancery.Benchmarks.Forecast;

/// <summary>
/// <c>forecast --check [--runs N]</c>: the engine (one and two threads), the array baseline (<see cref="ArrayForecast"/>)
/// and the strawman (<see cref="StrawmanForecast"/>, the rules read literally) on synthetic missions, baseline and
/// scenarios: the results must be identical.
/// <c>forecast --timed [--repeat N] [--baseline-runs N] [--strawman-runs N] [--world-runs N] [--no-world]</c>: a
/// 200-person mission, 365 days, 10,000 runs on one core (median of N); the engine against the array baseline at the
/// same runs, alternating in one loop (the README's ratio); the strawman at 500 runs for the record (0 skips it); every
/// mission of the 10,000-mission world (sizes from the cached world file, contents synthetic), 1,000 runs each, on two
/// cores. Prints wall and CPU time, peak working set and the load average.
/// </summary>
internal static class ForecastCommands
{
    private static readonly DateOnly From = WorldGenerator.BenchmarkAsOf;

    /// <summary>A scenario with every kind of change, for the check.</summary>
    internal static ForecastScenario Everything(DateOnly from) => new(
        ProcessingTimeFactor: 1.7, RefusalRate: 0.2,
        Expulsions: [new ForecastExpulsion(from.AddDays(19), 3), new ForecastExpulsion(from.AddDays(100), 2, StaffCategory.AdministrativeTechnical)],
        Caps: [new ForecastCap(from.AddDays(60), 25), new ForecastCap(from.AddDays(150), 4, StaffCategory.Service)]);

    public static async Task<int> RunAsync(string[] args)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {Commands.LoadAverage()}, .NET {Environment.Version}");
        // --check alone, or with --timed; --timed alone times only.
        var check = args.Contains("--check") || !args.Contains("--timed");
        var failed = check && !Check(Int(args, "--runs", 300));
        if (!args.Contains("--timed")) return failed ? 1 : 0;

        var repeat = Int(args, "--repeat", 7);
        var input = SyntheticMission.Build(200, From, seed: 1);
        Console.WriteLine($"Mission: {input.Staff.Count} staff, {input.Staff.Sum(s => s.Family.Count)} family members, {input.Renewals.Count} pending renewals, " +
            $"{input.Nominations.Count} pending nominations, {input.History.Count} past decisions; from {From:yyyy-MM-dd}, 365 days");
        var one = new ForecastOptions(From, Days: 365, Runs: 10_000, Seed: 1);
        var engine = Time(repeat, () => ForecastEngine.Run(input, one));
        Console.WriteLine($"  engine, 10,000 runs, 1 thread: median {engine.Wall:0} ms wall, {engine.Cpu:0} ms CPU (min {engine.MinWall:0} ms); under 250 ms: {(engine.Wall < 250 ? "yes" : "NO")}");
        var two = Time(repeat, () => ForecastEngine.Run(input, one with { DegreeOfParallelism = 2 }));
        Console.WriteLine($"  engine, 10,000 runs, 2 threads: median {two.Wall:0} ms wall, {two.Cpu:0} ms CPU");
        var scenario = Time(repeat, () => ForecastEngine.Run(input, one, Everything(From)));
        Console.WriteLine($"  engine, 10,000 runs, 1 thread, scenario with expulsions and caps: median {scenario.Wall:0} ms wall, {scenario.Cpu:0} ms CPU");

        // The baseline and the engine alternate run by run, so both see the same machine (it is shared).
        var baselineRuns = Int(args, "--baseline-runs", 10_000);
        var same = new ForecastOptions(From, Days: 365, Runs: baselineRuns, Seed: 1);
        var (baseline, engineSame) = TimePair(repeat, () => ArrayForecast.Run(input, same), () => ForecastEngine.Run(input, same));
        Console.WriteLine($"  array baseline, {baselineRuns:N0} runs, 1 thread: median {baseline.Wall:0} ms wall, {baseline.Cpu:0} ms CPU (min {baseline.MinWall:0} ms); " +
            $"engine, same runs, alternating: {engineSame.Wall:0} ms wall, {engineSame.Cpu:0} ms CPU (min {engineSame.MinWall:0} ms)");
        Console.WriteLine($"  ratio engine / array baseline: {engineSame.Wall / baseline.Wall:0.00}x wall, {engineSame.Cpu / baseline.Cpu:0.00}x CPU (target at most 0.33x)");
        var strawmanRuns = Int(args, "--strawman-runs", 500);
        if (strawmanRuns > 0)
        {
            var few = same with { Runs = strawmanRuns };
            var strawman = Time(Math.Min(3, repeat), () => StrawmanForecast.Run(input, few));
            var engineFew = Time(repeat, () => ForecastEngine.Run(input, few));
            Console.WriteLine($"  strawman (per run, per day, allocating; not a baseline), {strawmanRuns:N0} runs: median {strawman.Wall:0} ms wall; engine, same runs: {engineFew.Wall:0.0} ms wall ({engineFew.Wall / strawman.Wall:0.0000}x)");
        }

        if (!args.Contains("--no-world"))
        {
            var (path, _, _) = await WorldGenerator.EnsureAsync(WorldScale.Full, BenchHost.DataDirectory()).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            var sizes = SyntheticMission.MissionSizes(path, From);
            var history = SyntheticMission.History(0);
            var inputs = sizes.Select((size, i) => SyntheticMission.Build(size, From, seed: i, history)).ToList();
            Console.WriteLine($"World: {sizes.Count:N0} missions from {Path.GetFileName(path)} (staff on {From:yyyy-MM-dd}: total {sizes.Sum():N0}, largest {sizes.Max()}, " +
                $"median {sizes.Order().ElementAt(sizes.Count / 2)}); synthetic contents built in {watch.Elapsed.TotalSeconds:0.0} s");
            var worldRuns = Int(args, "--world-runs", 1000);
            var cpu = Cpu();
            watch.Restart();
            long belowSomewhere = 0;
            Parallel.ForEach(inputs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, (mission, _, index) =>
            {
                var result = ForecastEngine.Run(mission, new ForecastOptions(From, Days: 365, Runs: worldRuns, Seed: (ulong)index));
                if (result.Categories.Any(c => c.Risk is { ProbabilityBelowByEnd: > 0.5 })) Interlocked.Increment(ref belowSomewhere);
            });
            var wall = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"  all missions, {worldRuns:N0} runs each, 365 days, 2 threads: {wall:0.0} s wall, {(Cpu() - cpu) / 1000:0.0} s CPU; under 60 s: {(wall < 60 ? "yes" : "NO")}; " +
                $"{belowSomewhere:N0} missions more likely than not below a minimum within the year");
        }
        Console.WriteLine($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB; load average now {Commands.LoadAverage()}");
        return failed ? 1 : 0;
    }

    /// <summary>The engine (one and two threads) against the reference, on missions of several sizes, baseline and scenarios.</summary>
    private static bool Check(int runs)
    {
        var ok = true;
        var scenarios = new (string Name, ForecastScenario Scenario)[]
        {
            ("baseline", ForecastScenario.Baseline),
            ("slower x2", new ForecastScenario(ProcessingTimeFactor: 2)),
            ("stop issuing in 30 days", new ForecastScenario(StopIssuingFrom: From.AddDays(30))),
            ("expulsions, caps, refusals", Everything(From)),
        };
        foreach (var size in new[] { 3, 40, 200 })
        {
            var input = SyntheticMission.Build(size, From, seed: size);
            foreach (var (name, scenario) in scenarios)
            {
                var options = new ForecastOptions(From, Days: 365, Runs: runs, Seed: (ulong)size);
                var reference = JsonSerializer.Serialize(StrawmanForecast.Run(input, options, scenario));
                var baseline = JsonSerializer.Serialize(ArrayForecast.Run(input, options, scenario));
                var engine = JsonSerializer.Serialize(ForecastEngine.Run(input, options, scenario));
                var twoThreads = JsonSerializer.Serialize(ForecastEngine.Run(input, options with { DegreeOfParallelism = 2 }, scenario));
                var same = reference == engine && engine == twoThreads && baseline == engine;
                ok &= same;
                Console.WriteLine($"Check {size,3} staff, {runs} runs, {name}: engine (1 and 2 threads), array baseline and strawman {(same ? "identical" : "DIFFERENT")}");
                if (reference != engine) Console.WriteLine($"  engine against strawman, first difference at character {FirstDifference(reference, engine)}: strawman …{Around(reference, engine)}");
                if (baseline != reference) Console.WriteLine($"  array baseline against strawman, first difference at character {FirstDifference(reference, baseline)}: strawman …{Around(reference, baseline)}");
            }
        }
        return ok;
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    private static string Around(string a, string b)
    {
        var i = FirstDifference(a, b);
        var start = Math.Max(0, i - 120);
        return $"{a[start..Math.Min(a.Length, i + 80)]}… other …{b[start..Math.Min(b.Length, i + 80)]}…";
    }

    private static (double Wall, double Cpu, double MinWall) Time(int repeat, Action action)
    {
        action();
        var walls = new List<double>();
        var cpus = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            action();
            walls.Add(watch.Elapsed.TotalMilliseconds);
            cpus.Add(Cpu() - cpu);
        }
        return (Commands.Median(walls), Commands.Median(cpus), walls.Min());
    }

    /// <summary>Both actions once to warm up, then <paramref name="repeat"/> rounds of one after the other.</summary>
    private static ((double Wall, double Cpu, double MinWall) First, (double Wall, double Cpu, double MinWall) Second) TimePair(int repeat, Action first, Action second)
    {
        first();
        second();
        var walls = (new List<double>(), new List<double>());
        var cpus = (new List<double>(), new List<double>());
        for (var i = 0; i < repeat; i++)
        {
            foreach (var (action, wall, cpu) in new[] { (first, walls.Item1, cpus.Item1), (second, walls.Item2, cpus.Item2) })
            {
                var before = Cpu();
                var watch = Stopwatch.StartNew();
                action();
                wall.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add(Cpu() - before);
            }
        }
        return ((Commands.Median(walls.Item1), Commands.Median(cpus.Item1), walls.Item1.Min()), (Commands.Median(walls.Item2), Commands.Median(cpus.Item2), walls.Item2.Min()));
    }

    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static int Int(string[] args, string name, int fallback)
    {
        for (var i = args.Length - 2; i >= 0; i--)
            if (args[i] == name) return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        return fallback;
    }
}
