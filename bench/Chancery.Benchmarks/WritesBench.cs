using System.Diagnostics;
using System.Globalization;
using Chancery.Core.Audit;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Demo;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chancery.Benchmarks;

/// <summary>
/// <c>writes [--writers 16] [--seconds 20] [--warmup-seconds 3] [--postgres SERVER] [--keep]</c>: P8. A fresh database
/// with the demo seeded, then N writers, each in a loop with no pause (a closed model: a writer sends its next write once
/// the last one is acknowledged), alternating the two writes a mission administrator makes most: recording a person
/// (<see cref="PersonService.CreateAsync"/>: passport check, insert, read back) and updating a visa
/// (<see cref="VisaService.GetAsync"/> then <see cref="VisaService.UpdateAsync"/> with the version read), each through
/// the Core services in its own DI scope, as a request would, with its audit entries in the same transaction. Each writer
/// updates only its own visas, so no write should conflict. Prints throughput, latency percentiles, errors, CPU per write
/// and the load average; then checks that the audit chain verifies and holds one entry per acknowledged write.
/// </summary>
internal static class WritesBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var writers = int.Parse(Commands.Option(args, "--writers") ?? "16", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Commands.Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        var warmup = double.Parse(Commands.Option(args, "--warmup-seconds") ?? "3", CultureInfo.InvariantCulture);
        var server = Commands.Option(args, "--postgres");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {Commands.LoadAverage()}, .NET {Environment.Version}");

        var (settings, drop) = await CreateDatabaseAsync(server).ConfigureAwait(false);
        try
        {
            await using var services = BenchHost.Services(settings);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync().ConfigureAwait(false);
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync().ConfigureAwait(false);
            }
            var visas = await MultipleEntryVisasAsync(services).ConfigureAwait(false);
            Console.WriteLine($"Database: {(server is null ? "SQLite (WAL, synchronous=FULL) " + new SqliteConnectionStringBuilder(settings["ConnectionStrings:Chancery"]).DataSource : "PostgreSQL " + new NpgsqlConnectionStringBuilder(settings["ConnectionStrings:Chancery"]).Database + await PostgresDurabilityAsync(settings["ConnectionStrings:Chancery"]!).ConfigureAwait(false))}; demo seeded, {visas.Count} multiple-entry visas shared out among {writers} writers");

            if (warmup > 0) await DriveAsync(services, writers, TimeSpan.FromSeconds(warmup), visas, "warm").ConfigureAwait(false);
            var auditBefore = await AuditCountAsync(services).ConfigureAwait(false);
            var gate = services.GetRequiredService<WriteGate>();
            var (batches, written) = gate.Committed;
            var result = await DriveAsync(services, writers, TimeSpan.FromSeconds(seconds), visas, "run").ConfigureAwait(false);
            var auditAfter = await AuditCountAsync(services).ConfigureAwait(false);
            result.Print(writers);
            var (batchesAfter, writtenAfter) = gate.Committed;
            Console.WriteLine($"    write gate: {writtenAfter - written:N0} writes in {batchesAfter - batches:N0} commits ({(writtenAfter - written) / (double)Math.Max(1, batchesAfter - batches):0.0} a commit)");

            await using var check = services.CreateAsyncScope();
            var verification = await check.ServiceProvider.GetRequiredService<AuditService>().VerifyAsync(default).ConfigureAwait(false);
            var entries = auditAfter - auditBefore;
            Console.WriteLine($"  audit: {entries:N0} entries written during the run for {result.Acknowledged:N0} acknowledged writes " +
                $"({(entries == result.Acknowledged ? "one each" : "MISMATCH")}); chain: {verification.Message}");
            var target = result.PerSecond >= 200 && result.Percentile(99) < 100 && result.Errors.Count == 0;
            Console.WriteLine($"  P8 (>= 200 writes/s at p99 < 100 ms, no errors): {(target ? "met" : "NOT met")}; load average now {Commands.LoadAverage()}");
            return verification.Intact && entries == result.Acknowledged ? 0 : 1;
        }
        finally
        {
            await drop().ConfigureAwait(false);
        }
    }

    private sealed record Sample(double Milliseconds, bool Create);

    private sealed class Result(List<Sample> samples, Dictionary<string, int> errors, TimeSpan elapsed, TimeSpan cpu)
    {
        public Dictionary<string, int> Errors { get; } = errors;
        public int Acknowledged => samples.Count;
        public double PerSecond => samples.Count / elapsed.TotalSeconds;

        public double Percentile(double p, Func<Sample, bool>? which = null)
        {
            var sorted = samples.Where(which ?? (_ => true)).Select(s => s.Milliseconds).Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count), 1, sorted.Count) - 1];
        }

        public void Print(int writers)
        {
            Console.WriteLine($"  {writers} writers, {elapsed.TotalSeconds:0.0} s: {samples.Count:N0} writes acknowledged, {PerSecond:0} writes/s; " +
                $"latency p50 {Percentile(50):0.0} ms, p90 {Percentile(90):0.0}, p99 {Percentile(99):0.0}, p99.9 {Percentile(99.9):0.0}, max {Percentile(100):0.0}");
            Console.WriteLine($"    create person p50 {Percentile(50, s => s.Create):0.0} ms, p99 {Percentile(99, s => s.Create):0.0}; " +
                $"update visa (read, then write) p50 {Percentile(50, s => !s.Create):0.0} ms, p99 {Percentile(99, s => !s.Create):0.0}");
            Console.WriteLine($"    CPU of this process {cpu.TotalMilliseconds / Math.Max(1, samples.Count):0.00} ms per write ({cpu.TotalSeconds / elapsed.TotalSeconds * 100:0} % of one core); " +
                $"errors: {(Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key} x{e.Value}")))}");
        }
    }

    private static async Task<Result> DriveAsync(IServiceProvider services, int writers, TimeSpan duration, IReadOnlyList<Guid> visas, string tag)
    {
        var samples = new List<Sample>[writers];
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var stop = watch.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = samples[w] = [];
            var own = visas.Where((_, i) => i % writers == w).ToList();
            for (var n = 0; watch.Elapsed < stop; n++)
            {
                var create = own.Count == 0 || n % 2 == 0;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    if (create) await CreatePersonAsync(scope.ServiceProvider, $"{tag}{w}x{n}").ConfigureAwait(false);
                    else await UpdateVisaAsync(scope.ServiceProvider, own[n / 2 % own.Count]).ConfigureAwait(false);
                    mine.Add(new Sample(Stopwatch.GetElapsedTime(started).TotalMilliseconds, create));
                }
                catch (Exception ex)
                {
                    lock (errors) errors[ex.GetType().Name] = errors.GetValueOrDefault(ex.GetType().Name) + 1;
                }
            }
        }))).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        process.Refresh();
        return new Result([.. samples.SelectMany(s => s)], errors, elapsed, process.TotalProcessorTime - cpu);
    }

    private static Task<PersonDto> CreatePersonAsync(IServiceProvider services, string key) =>
        services.GetRequiredService<PersonService>().CreateAsync(new PersonInput(
            "Тестов", "Писатель", "Testov", "Pisatel " + key, new DateOnly(1980, 1, 1), "RU", Gender.Male,
            "W" + key.ToUpperInvariant(), PassportType.Diplomatic, "RU", new DateOnly(2030, 1, 1)), default);

    private static async Task UpdateVisaAsync(IServiceProvider services, Guid id)
    {
        var visas = services.GetRequiredService<VisaService>();
        var v = await visas.GetAsync(id, default).ConfigureAwait(false);
        await visas.UpdateAsync(id, new VisaInput(v.HolderId, v.IssuingStateCode, v.CategoryCode, v.ValidFrom, v.ValidUntil, v.Entries, v.Number, v.IssuedOn,
            v.EntriesUsed + 1, v.CancelledOn, v.CancellationReason, v.Version), default).ConfigureAwait(false);
    }

    private static async Task<List<Guid>> MultipleEntryVisasAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChanceryDbContext>().Visas.Where(v => v.Entries == VisaEntries.Multiple)
            .OrderBy(v => v.Id).Select(v => v.Id).ToListAsync().ConfigureAwait(false);
    }

    private static async Task<long> AuditCountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChanceryDbContext>().AuditEntries.LongCountAsync().ConfigureAwait(false);
    }

    /// <summary>A fresh database: a SQLite file under bench/.data, or a database on the PostgreSQL server; and how to drop it.</summary>
    private static async Task<(Dictionary<string, string?> Settings, Func<Task> Drop)> CreateDatabaseAsync(string? server)
    {
        if (server is null)
        {
            var directory = Path.Combine(BenchHost.DataDirectory(), "writes");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"writes-{Guid.NewGuid():N}.db");
            var connection = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
            return (new() { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Chancery"] = connection }, () =>
            {
                using (var pooled = new SqliteConnection(connection)) SqliteConnection.ClearPool(pooled);
                foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
                return Task.CompletedTask;
            }
            );
        }
        var name = $"chancery_bench_writes_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"").ConfigureAwait(false);
        var target = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ToString();
        return (new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Chancery"] = target }, async () =>
        {
            await using (var pooled = new NpgsqlConnection(target)) NpgsqlConnection.ClearPool(pooled);
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").ConfigureAwait(false);
        }
        );
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The server's durability settings, which decide what a commit costs: they belong next to any write figure.</summary>
    private static async Task<string> PostgresDurabilityAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        var values = new List<string>();
        foreach (var setting in new[] { "fsync", "synchronous_commit", "wal_sync_method" })
        {
            await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
            values.Add($"{setting}={await command.ExecuteScalarAsync().ConfigureAwait(false)}");
        }
        return $" ({string.Join(", ", values)})";
    }
}
