using System.Diagnostics;

namespace Chancery.Benchmarks;

/// <summary>
/// <c>world --check|--timed [--state XX] [--as-of d] [--runs N] [--warmup N]</c>: the world view of one state (by default
/// the one with the most counterparts) through the service and through the one-query SQL baseline. Checks first that both
/// give the same counts per counterpart; with --timed, prints the medians of wall and CPU time, their ratio, the peak
/// working set and the load average (other work may share the cores).
/// </summary>
internal static class WorldCommand
{
    /// <summary>The service under this wall time passes.</summary>
    private const double TargetMs = 1000;

    public static async Task<int> RunAsync(string path, string[] args, DateOnly asOf, int runs, int warmups)
    {
        using var runner = new WorldParityRunner(path);
        var state = Commands.Option(args, "--state")?.ToUpperInvariant() ?? runner.MostConnectedState();
        var (service, sql, differences) = await runner.CompareAsync(state, asOf).ConfigureAwait(false);
        Console.WriteLine($"World view of {state} as of {asOf:yyyy-MM-dd}: service {service.Count} counterparts, SQL baseline {sql.Count} rows: " +
            (differences.Length == 0 ? "same counts (missions, members, diplomatic staff, family, each way)" : "DIFFERENT"));
        Console.WriteLine($"  members abroad {service.Sum(r => r.MembersAbroad):N0}, at home {service.Sum(r => r.MembersAtHome):N0}; " +
            $"family abroad {service.Sum(r => r.FamilyAbroad):N0}, at home {service.Sum(r => r.FamilyAtHome):N0}");
        if (differences.Length > 0)
        {
            Console.WriteLine(differences);
            return 1;
        }
        if (!args.Contains("--timed")) return 0;

        Console.WriteLine($"Timing: {warmups} warm-up runs each, then {runs} runs alternating service and SQL");
        for (var i = 0; i < warmups; i++)
        {
            await runner.ServiceAsync(state, asOf).ConfigureAwait(false);
            runner.Sql(state, asOf);
        }
        var process = Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        List<double> serviceMs = [], sqlMs = [], serviceCpu = [], sqlCpu = [];
        for (var i = 0; i < runs; i++)
        {
            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            await runner.ServiceAsync(state, asOf).ConfigureAwait(false);
            serviceMs.Add(watch.Elapsed.TotalMilliseconds);
            serviceCpu.Add(Cpu() - cpu);
            cpu = Cpu();
            watch.Restart();
            runner.Sql(state, asOf);
            sqlMs.Add(watch.Elapsed.TotalMilliseconds);
            sqlCpu.Add(Cpu() - cpu);
            Console.WriteLine($"  run {i + 1}: service {serviceMs[^1]:0.0} ms ({serviceCpu[^1]:0} ms CPU), SQL {sqlMs[^1]:0.0} ms ({sqlCpu[^1]:0} ms CPU)");
        }
        var serviceMedian = Commands.Median(serviceMs);
        var sqlMedian = Commands.Median(sqlMs);
        Console.WriteLine($"  WorldParityService.GetAsync: median {serviceMedian:0.0} ms (min {serviceMs.Min():0.0}, max {serviceMs.Max():0.0})");
        Console.WriteLine($"  SQL baseline (one GROUP BY query): median {sqlMedian:0.0} ms (min {sqlMs.Min():0.0}, max {sqlMs.Max():0.0})");
        Console.WriteLine($"  ratio service / SQL: {serviceMedian / sqlMedian:0.00}x (target at most 1.5x); service under 1 s: {(serviceMedian < TargetMs ? "yes" : "NO")}");
        // CPU time (all threads, incl. the GC) is steadier than wall time when other work shares the cores; it is
        // sampled from the process's total, so runs much shorter than the scheduler's tick read coarsely.
        Console.WriteLine($"  CPU time medians: service {Commands.Median(serviceCpu):0} ms, SQL {Commands.Median(sqlCpu):0} ms");
        Console.WriteLine($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB; load average now {Commands.LoadAverage()}");
        return 0;
    }
}
