using BenchmarkDotNet.Attributes;
using Chancery.Benchmarks.Forecast;
using Chancery.Benchmarks.World;
using Chancery.Core.Forecast;

namespace Chancery.Benchmarks;

/// <summary>
/// The forecast of a synthetic 200-person mission over 365 days: the engine with 10,000 runs on one and two threads, and
/// engine against the array baseline (<see cref="ArrayForecast"/>) at the same runs. The setup checks first that engine,
/// baseline and the strawman give identical results.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ForecastBenchmarks
{
    private static readonly DateOnly From = WorldGenerator.BenchmarkAsOf;
    private ForecastInput _input = null!;

    /// <summary>Runs for the engine-against-baseline pair.</summary>
    public const int ComparedRuns = 10_000;

    /// <summary>Builds the mission and checks engine, baseline and strawman agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = SyntheticMission.Build(200, From, seed: 1);
        var options = new ForecastOptions(From, Days: 365, Runs: 100, Seed: 1);
        var engine = System.Text.Json.JsonSerializer.Serialize(ForecastEngine.Run(_input, options));
        var baseline = System.Text.Json.JsonSerializer.Serialize(ArrayForecast.Run(_input, options));
        var strawman = System.Text.Json.JsonSerializer.Serialize(StrawmanForecast.Run(_input, options));
        if (engine != baseline || engine != strawman) throw new InvalidOperationException("Engine, array baseline and strawman disagree on the 200-person mission.");
        Console.WriteLine("// Engine, array baseline and strawman agree on the 200-person mission (100 runs).");
    }

    /// <summary>The array baseline: intervals and difference arrays per run, a tally per day.</summary>
    [Benchmark(Baseline = true, Description = "Array baseline, 10,000 runs, 1 thread")]
    public int Baseline() => ArrayForecast.Run(_input, new ForecastOptions(From, Days: 365, Runs: ComparedRuns, Seed: 1)).Members.Count;

    /// <summary>The target: 10,000 runs under 250 ms on one core.</summary>
    [Benchmark(Description = "Engine, 10,000 runs, 1 thread")]
    public int Engine() => ForecastEngine.Run(_input, new ForecastOptions(From, Days: 365, Runs: 10_000, Seed: 1)).Members.Count;

    /// <summary>Both cores.</summary>
    [Benchmark(Description = "Engine, 10,000 runs, 2 threads")]
    public int EngineTwoThreads() => ForecastEngine.Run(_input, new ForecastOptions(From, Days: 365, Runs: 10_000, Seed: 1, DegreeOfParallelism: 2)).Members.Count;
}
