using System.Diagnostics;
using System.Globalization;
using Chancery.Benchmarks.Baseline;
using Chancery.Benchmarks.World;

namespace Chancery.Benchmarks;

/// <summary>
/// The quick commands: <c>generate [--scale full|small]</c>, <c>alerts --check [--as-of d]...</c> and
/// <c>alerts --timed [--runs N] [--warmup N] [--service-warmup N] [--as-of d] [--scale full|small] [--world FILE] [--profile]</c>, which prints the data size, generation time, the
/// median of N runs of the service and of the SQL baseline, their ratio and the peak working set; <c>world --check|--timed
/// [--state XX]</c> does the same for the world view (see <see cref="WorldCommand"/>).
/// </summary>
internal static class Commands
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scale = Option(args, "--scale") is "small" ? WorldScale.Small : WorldScale.Full;
        var runs = int.Parse(Option(args, "--runs") ?? "7", CultureInfo.InvariantCulture);
        var warmups = int.Parse(Option(args, "--warmup") ?? "2", CultureInfo.InvariantCulture);
        // The service's own warm-up runs before timing: the JIT tiers a method up after 30 calls, so a path run once a
        // request keeps being recompiled (on the same two cores) for its first dozen runs, as a server's first requests are.
        var serviceWarmups = int.Parse(Option(args, "--service-warmup") ?? "10", CultureInfo.InvariantCulture);
        var dates = Options(args, "--as-of").Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        if (dates.Count == 0) dates.Add(WorldGenerator.BenchmarkAsOf);

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}");
        var clock = Stopwatch.StartNew();
        var (path, stats, built) = await WorldGenerator.EnsureAsync(scale, BenchHost.DataDirectory()).ConfigureAwait(false);
        // --world FILE: measure a copy of a world (e.g. with an index added by hand to try a schema change).
        if (Option(args, "--world") is { } other) path = other;
        Console.WriteLine($"World ({scale.Name}, generator v{WorldGenerator.Version}, seed {WorldGenerator.Seed}): {path}");
        Console.WriteLine($"  {stats}");
        Console.WriteLine($"  mission list: {stats.MissionList.Rows:N0} rows, {stats.MissionList.Kept:N0} kept; dropped {stats.MissionList.UnknownState} without an ISO state, " +
            $"{stats.MissionList.SameState} sending = receiving, {stats.MissionList.Duplicate} duplicates; {stats.MissionList.MissingCity} without a city");
        Console.WriteLine(built ? $"  generated now in {clock.Elapsed.TotalSeconds:0.0} s" : "  cached (delete the file to regenerate)");
        Console.WriteLine($"  file size {new FileInfo(path).Length / 1024.0 / 1024.0:0} MiB");
        if (args[0] == "generate") return 0;
        if (args[0] == "world") return await WorldCommand.RunAsync(path, args, dates[0], runs, warmups).ConfigureAwait(false);

        // --postgres SERVER: the service reads the same world loaded into PostgreSQL (the baseline stays on the file).
        string? postgres = null;
        if (Option(args, "--postgres") is { } server)
        {
            clock.Restart();
            postgres = await WorldGenerator.EnsurePostgresAsync(scale, server).ConfigureAwait(false);
            Console.WriteLine($"  PostgreSQL copy: {new Npgsql.NpgsqlConnectionStringBuilder(postgres).Database} (ready in {clock.Elapsed.TotalSeconds:0.0} s)");
        }
        using var runner = new AlertsRunner(path, postgres);
        if (args.Contains("--profile"))
        {
            // Where the service's time goes: each SQL command (with reading its rows) against the rest (rules, projections).
            using var profiler = new QueryProfiler { Live = true };
            await runner.ServiceAsync(dates[0]).ConfigureAwait(false);
            profiler.Commands.Clear();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var list = await runner.ServiceAsync(dates[0]).ConfigureAwait(false);
            var total = watch.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var inQueries = TimeSpan.FromTicks(profiler.Commands.Sum(c => c.Duration.Ticks));
            Console.WriteLine($"Profile as of {dates[0]:yyyy-MM-dd}: {list.Alerts.Count:N0} alerts in {total.TotalMilliseconds:0} ms; " +
                $"{profiler.Commands.Count} SQL commands {inQueries.TotalMilliseconds:0} ms (with reading rows); rest (rules, grouping) {(total - inQueries).TotalMilliseconds:0} ms; " +
                $"CPU {cpu.TotalMilliseconds:0} ms (all threads); load average {LoadAverage()}");
            foreach (var (sql, rows, duration) in profiler.Commands)
                Console.WriteLine($"  {duration.TotalMilliseconds,7:0} ms {rows,9:N0} rows  {OneLine(sql)}");
        }
        if (args.Contains("--service-only"))
        {
            // Only the service, N runs after the warm-ups: for trying a change quickly (the baseline takes about a minute a run).
            var self = Process.GetCurrentProcess();
            for (var i = 0; i < Math.Max(warmups, serviceWarmups); i++) await runner.ServiceAsync(dates[0]).ConfigureAwait(false);
            var wall = new List<double>();
            var cpuMs = new List<double>();
            var allocated = new List<double>();
            var paused = new List<double>();
            var jitted = new List<double>();
            var jitMs = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var pause = GC.GetTotalPauseDuration();
                var (methods, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
                self.Refresh();
                var cpu = self.TotalProcessorTime;
                var bytes = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                await runner.ServiceAsync(dates[0]).ConfigureAwait(false);
                wall.Add(watch.Elapsed.TotalMilliseconds);
                paused.Add((GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
                jitted.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - methods);
                jitMs.Add((System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds);
                allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1048576.0);
                self.Refresh();
                cpuMs.Add((self.TotalProcessorTime - cpu).TotalMilliseconds);
            }
            Console.WriteLine($"Service only, as of {dates[0]:yyyy-MM-dd}, {runs} runs: median {Median(wall):0} ms (min {wall.Min():0}, max {wall.Max():0}), CPU median {Median(cpuMs):0} ms, allocated {Median(allocated):0} MiB a run, GC pauses median {Median(paused):0} ms a run, methods JIT-compiled median {Median(jitted):0} a run ({Median(jitMs):0} ms), {GC.CollectionCount(0)} gen0 / {GC.CollectionCount(1)} gen1 / {GC.CollectionCount(2)} gen2 collections in all; load average {LoadAverage()}");
            return 0;
        }
        var failed = false;
        // --no-check: time only (the check has already been run on this world, e.g. by `alerts --check`).
        foreach (var date in args.Contains("--no-check") ? [] : dates)
        {
            var service = AlertsComparison.Rows((await runner.ServiceAsync(date).ConfigureAwait(false)).Alerts);
            var sql = runner.Sql(date);
            var difference = AlertsComparison.Compare(service, sql);
            Console.WriteLine($"As of {date:yyyy-MM-dd}: service {service.Count:N0} alerts, SQL baseline {sql.Count:N0} rows: {(difference.Same ? "same rows (kind, person, due, severity)" : "DIFFERENT")}");
            Console.WriteLine("  SQL rows by kind: " + string.Join(", ", sql.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")));
            if (!difference.Same)
            {
                Console.WriteLine(difference.Describe());
                failed = true;
            }
        }
        if (!args.Contains("--timed")) return failed ? 1 : 0;

        var asOf = dates[0];
        Console.WriteLine($"Timing as of {asOf:yyyy-MM-dd}: {Math.Max(warmups, serviceWarmups)} warm-up runs of the service and {warmups} of SQL, then {runs} runs alternating service and SQL");
        for (var i = 0; i < Math.Max(warmups, serviceWarmups); i++)
        {
            await runner.ServiceAsync(asOf).ConfigureAwait(false);
            if (i < warmups) runner.Sql(asOf);
        }
        var serviceMs = new List<double>();
        var sqlMs = new List<double>();
        var serviceCpu = new List<double>();
        var sqlCpu = new List<double>();
        var process = Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        var perKind = AlertsSql.Queries.ToDictionary(q => q.Kind, _ => new List<double>());
        var settings = runner.Settings;
        for (var i = 0; i < runs; i++)
        {
            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            await runner.ServiceAsync(asOf).ConfigureAwait(false);
            serviceMs.Add(watch.Elapsed.TotalMilliseconds);
            serviceCpu.Add(Cpu() - cpu);
            cpu = Cpu();
            var total = 0.0;
            using var connection = AlertsSql.Open(path);
            foreach (var (kind, sql) in AlertsSql.Queries)
            {
                watch.Restart();
                AlertsSql.Run(connection, kind, sql, asOf, settings);
                perKind[kind].Add(watch.Elapsed.TotalMilliseconds);
                total += watch.Elapsed.TotalMilliseconds;
            }
            sqlMs.Add(total);
            sqlCpu.Add(Cpu() - cpu);
            Console.WriteLine($"  run {i + 1}: service {serviceMs[^1]:0} ms ({serviceCpu[^1]:0} ms CPU), SQL {sqlMs[^1]:0} ms ({sqlCpu[^1]:0} ms CPU)");
        }
        var serviceMedian = Median(serviceMs);
        var sqlMedian = Median(sqlMs);
        Console.WriteLine($"  AlertService.ListAsync: median {serviceMedian:0} ms (min {serviceMs.Min():0}, max {serviceMs.Max():0})");
        Console.WriteLine($"  SQL baseline (7 queries): median {sqlMedian:0} ms (min {sqlMs.Min():0}, max {sqlMs.Max():0}); per kind: " +
            string.Join(", ", perKind.Select(k => $"{k.Key} {Median(k.Value):0}")));
        Console.WriteLine($"  ratio service / SQL: {serviceMedian / sqlMedian:0.00}x (target at most 1.5x); service under 2 s: {(serviceMedian < 2000 ? "yes" : "NO")}");
        // CPU time (all threads, incl. the GC) is steadier than wall time when other work shares the cores.
        Console.WriteLine($"  CPU time medians: service {Median(serviceCpu):0} ms, SQL {Median(sqlCpu):0} ms, ratio {Median(serviceCpu) / Median(sqlCpu):0.00}x");
        Console.WriteLine($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB; load average now {LoadAverage()}");
        return failed ? 1 : 0;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string? Option(string[] args, string name) => Options(args, name).LastOrDefault();

    private static IEnumerable<string> Options(string[] args, string name)
    {
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == name) yield return args[i + 1];
    }

    private static string OneLine(string sql)
    {
        var line = string.Join(" ", sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 160 ? line[..160] + "..." : line;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
