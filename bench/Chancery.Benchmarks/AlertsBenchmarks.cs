using BenchmarkDotNet.Attributes;
using Chancery.Benchmarks.Baseline;
using Chancery.Benchmarks.World;
using Chancery.Core.Visas;

namespace Chancery.Benchmarks;

/// <summary>
/// All alerts as of one date on the full synthetic world: the real <see cref="AlertService"/> against one hand-written
/// SQL query per alert kind. The setup checks first that both return the same rows, so the timing compares equals.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class AlertsBenchmarks : IDisposable
{
    private AlertsRunner? _runner;

    /// <summary>The as-of date measured (the demo's reference date).</summary>
    public static DateOnly AsOf => WorldGenerator.BenchmarkAsOf;

    /// <summary>Builds or reuses the cached world, then checks service and baseline agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (path, stats, _) = WorldGenerator.EnsureAsync(WorldScale.Full, BenchHost.DataDirectory()).GetAwaiter().GetResult();
        Console.WriteLine($"// World: {stats}");
        _runner = new AlertsRunner(path);
        var (service, sql, difference) = _runner.CompareAsync(AsOf).GetAwaiter().GetResult();
        if (!difference.Same)
            throw new InvalidOperationException($"Service ({service} alerts) and SQL baseline ({sql} rows) disagree on {AsOf:yyyy-MM-dd}:{Environment.NewLine}{difference.Describe()}");
        Console.WriteLine($"// {service:N0} alerts on {AsOf:yyyy-MM-dd}; service and SQL baseline agree.");
    }

    /// <summary>Releases the connection and services.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _runner?.Dispose();
        _runner = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The seven baseline queries.</summary>
    [Benchmark(Baseline = true, Description = "SQL, one query per kind")]
    public int AllAlertsAsOfSql() => _runner!.Sql(AsOf).Count;

    /// <summary>AlertService.ListAsync, system scope.</summary>
    [Benchmark(Description = "AlertService.ListAsync")]
    public async Task<int> AllAlertsAsOf() => (await _runner!.ServiceAsync(AsOf).ConfigureAwait(false)).Alerts.Count;
}
