using BenchmarkDotNet.Attributes;
using Chancery.Benchmarks.World;

namespace Chancery.Benchmarks;

/// <summary>
/// The world view of the state with the most counterparts on the full synthetic world: the real
/// <see cref="Core.Reciprocity.WorldParityService"/> against one hand-written GROUP BY query. The setup checks first that
/// both return the same counts, so the timing compares equals.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class WorldParityBenchmarks : IDisposable
{
    private WorldParityRunner? _runner;
    private string _state = "";

    /// <summary>The as-of date measured (the demo's reference date).</summary>
    public static DateOnly AsOf => WorldGenerator.BenchmarkAsOf;

    /// <summary>Builds or reuses the cached world, picks the state, then checks service and baseline agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (path, stats, _) = WorldGenerator.EnsureAsync(WorldScale.Full, BenchHost.DataDirectory()).GetAwaiter().GetResult();
        Console.WriteLine($"// World: {stats}");
        _runner = new WorldParityRunner(path);
        _state = _runner.MostConnectedState();
        var (service, _, differences) = _runner.CompareAsync(_state, AsOf).GetAwaiter().GetResult();
        if (differences.Length > 0)
            throw new InvalidOperationException($"Service and SQL baseline disagree on {_state} as of {AsOf:yyyy-MM-dd}:{Environment.NewLine}{differences}");
        Console.WriteLine($"// {_state}: {service.Count} counterparts on {AsOf:yyyy-MM-dd}; service and SQL baseline agree.");
    }

    /// <summary>Releases the connection and services.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _runner?.Dispose();
        _runner = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The one GROUP BY query.</summary>
    [Benchmark(Baseline = true, Description = "SQL, one GROUP BY query")]
    public int WorldViewSql() => _runner!.Sql(_state, AsOf).Count;

    /// <summary>WorldParityService.GetAsync, system scope.</summary>
    [Benchmark(Description = "WorldParityService.GetAsync")]
    public async Task<int> WorldView() => (await _runner!.ServiceAsync(_state, AsOf).ConfigureAwait(false)).Total;
}
