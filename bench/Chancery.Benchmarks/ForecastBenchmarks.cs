using BenchmarkDotNet.Attributes;
using Chancery.Benchmarks.Forecast;
using Chancery.Benchmarks.World;
using Chancery.Core.Forecast;

namespace Chancery.Benchmarks;

/// <summary>
/// The forecast of a synthetic 200-person mission over 365 days: the engine with 10,000 runs on one and two threads, and
/// engine against the straightforward reference at the same (smaller) number of runs. The setup checks first that
/// engine and reference give identical results.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ForecastBenchmarks
{
    private static readonly DateOnly From = WorldGenerator.BenchmarkAsOf;
    private ForecastInput _input = null!;

    /// <summary>Runs for the engine-against-reference pair (the reference keeps every run's days).</summary>
    public const int ComparedRuns = 500;

    /// <summary>Builds the mission and checks engine and reference agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = SyntheticMission.Build(200, From, seed: 1);
        var options = new ForecastOptions(From, Days: 365, Runs: 100, Seed: 1);
        var engine = System.Text.Json.JsonSerializer.Serialize(ForecastEngine.Run(_input, options));
        var reference = System.Text.Json.JsonSerializer.Serialize(ReferenceForecast.Run(_input, options));
        if (engine != reference) throw new InvalidOperationException("Engine and reference disagree on the 200-person mission.");
        Console.WriteLine("// Engine and reference agree on the 200-person mission (100 runs).");
    }

    /// <summary>Reference, per run and per day with allocations.</summary>
    [Benchmark(Baseline = true, Description = "Reference, 500 runs")]
    public int Reference() => ReferenceForecast.Run(_input, new ForecastOptions(From, Days: 365, Runs: ComparedRuns, Seed: 1)).Members.Count;

    /// <summary>Engine at the reference's runs.</summary>
    [Benchmark(Description = "Engine, 500 runs, 1 thread")]
    public int EngineSameRuns() => ForecastEngine.Run(_input, new ForecastOptions(From, Days: 365, Runs: ComparedRuns, Seed: 1)).Members.Count;

    /// <summary>The target: 10,000 runs under 250 ms on one core.</summary>
    [Benchmark(Description = "Engine, 10,000 runs, 1 thread")]
    public int Engine() => ForecastEngine.Run(_input, new ForecastOptions(From, Days: 365, Runs: 10_000, Seed: 1)).Members.Count;

    /// <summary>Both cores.</summary>
    [Benchmark(Description = "Engine, 10,000 runs, 2 threads")]
    public int EngineTwoThreads() => ForecastEngine.Run(_input, new ForecastOptions(From, Days: 365, Runs: 10_000, Seed: 1, DegreeOfParallelism: 2)).Members.Count;
}
