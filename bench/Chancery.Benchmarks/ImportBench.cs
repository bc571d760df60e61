using System.Diagnostics;
using System.Globalization;
using System.Text;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Core.Import;
using Chancery.Core.People;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Chancery.Benchmarks;

/// <summary>
/// <c>import --timed [--rows 100000] [--small 10000] [--embassies FILE] [--postgres CONNECTION] [--repeat 1]</c>: imports a generated
/// people file (one person and one visa a row) through <see cref="ImportService"/> into a fresh database, and the same
/// pre-parsed rows through a raw loop (SQLite: one transaction, one prepared command per table; PostgreSQL: binary
/// COPY), both timed from a migrated database; prints wall and CPU time (best of the repeats), their ratio, the peak
/// working set and managed heap during each import (small file against large: flat when streaming), and the time of the
/// full list of embassies through its mapping.
/// </summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--xlsx"))
            return await XlsxImportBench.RunAsync(int.Parse(Option(args, "--xlsx-rows") ?? "60000", CultureInfo.InvariantCulture), args.Contains("--reader-only"), args.Contains("--formatted-rows")).ConfigureAwait(false);
        var rows = int.Parse(Option(args, "--rows") ?? "100000", CultureInfo.InvariantCulture);
        var small = int.Parse(Option(args, "--small") ?? "10000", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres");
        var embassies = Option(args, "--embassies");
        var repeat = int.Parse(Option(args, "--repeat") ?? "1", CultureInfo.InvariantCulture);
        var data = BenchHost.DataDirectory();
        Directory.CreateDirectory(data);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}; best of {repeat} run(s) each");

        var smallFile = Generate(data, small);
        var largeFile = Generate(data, rows);
        Console.WriteLine($"People files (one person + one visa a row): {small:N0} rows {new FileInfo(smallFile).Length / 1048576.0:0.0} MiB, {rows:N0} rows {new FileInfo(largeFile).Length / 1048576.0:0.0} MiB");

        // The memory figures come from the first imports, before the baseline's pre-parsed rows are loaded. Then each
        // time is taken `repeat` times, the import and its baseline alternately so both meet the same load, and the
        // best wall and CPU times of each side are compared (the least disturbed runs).
        var smallRun = await ImportSqliteAsync(smallFile, ImportTarget.People, null).ConfigureAwait(false);
        var largeRun = await ImportSqliteAsync(largeFile, ImportTarget.People, null).ConfigureAwait(false);
        var parsed = Parse(largeFile);
        var raw = await RawSqliteAsync(parsed).ConfigureAwait(false);
        for (var i = 1; i < repeat; i++)
        {
            largeRun = Best(largeRun, await ImportSqliteAsync(largeFile, ImportTarget.People, null).ConfigureAwait(false));
            raw = Best(raw, await RawSqliteAsync(parsed).ConfigureAwait(false));
        }
        Console.WriteLine($"SQLite import {small:N0} rows: {smallRun}");
        Console.WriteLine($"SQLite import {rows:N0} rows: {largeRun}; under 10 s: {(largeRun.Wall.TotalSeconds < 10 ? "yes" : "NO")}");
        Console.WriteLine($"SQLite raw loop (one transaction, prepared INSERTs, pre-parsed rows) {rows:N0} rows: {raw}");
        Console.WriteLine($"  ratio import / raw: wall {largeRun.Wall / raw.Wall:0.00}x, CPU {largeRun.Cpu / raw.Cpu:0.00}x (target at most 2x)");
        Console.WriteLine($"  peak during import, {small:N0} rows against {rows:N0}: working set {smallRun.PeakMiB:0} / {largeRun.PeakMiB:0} MiB, managed heap {smallRun.PeakHeapMiB:0} / {largeRun.PeakHeapMiB:0} MiB");

        if (postgres is not null)
        {
            var pg = await ImportPostgresAsync(postgres, largeFile).ConfigureAwait(false);
            var copy = await CopyPostgresAsync(postgres, parsed).ConfigureAwait(false);
            for (var i = 1; i < repeat; i++)
            {
                pg = Best(pg, await ImportPostgresAsync(postgres, largeFile).ConfigureAwait(false));
                copy = Best(copy, await CopyPostgresAsync(postgres, parsed).ConfigureAwait(false));
            }
            Console.WriteLine($"PostgreSQL import {rows:N0} rows: {pg}");
            Console.WriteLine($"PostgreSQL binary COPY (pre-parsed rows) {rows:N0} rows: {copy}");
            Console.WriteLine($"  ratio import / COPY: wall {pg.Wall / copy.Wall:0.00}x, CPU {pg.Cpu / copy.Cpu:0.00}x (target at most 2.5x; CPU is this process's only, not the server's)");
        }
        if (embassies is not null)
        {
            var run = await ImportSqliteAsync(embassies, ImportTarget.Missions, BuiltInMappings.Embassies).ConfigureAwait(false);
            Console.WriteLine($"Embassies ({embassies}) into SQLite: {run}; {run.Report}; under 5 s: {(run.Wall.TotalSeconds < 5 ? "yes" : "NO")}");
        }
        Console.WriteLine($"Load average now {LoadAverage()}");
        return 0;
    }

    private sealed record Run(TimeSpan Wall, TimeSpan Cpu, double PeakMiB, double PeakHeapMiB, string Report = "")
    {
        public override string ToString() => $"{Wall.TotalSeconds:0.00} s wall, {Cpu.TotalSeconds:0.00} s CPU, peak working set {PeakMiB:0} MiB, peak managed heap {PeakHeapMiB:0} MiB";
    }

    // The better times of two runs; the memory figures of the first.
    private static Run Best(Run first, Run next) => first with
    {
        Wall = first.Wall < next.Wall ? first.Wall : next.Wall,
        Cpu = first.Cpu < next.Cpu ? first.Cpu : next.Cpu,
    };

    private static string Generate(string directory, int count)
    {
        var path = Path.Combine(directory, $"import-people-{count}.csv");
        if (File.Exists(path)) return path;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("familyName,givenNames,familyNameLatin,givenNamesLatin,dateOfBirth,nationality,gender,passportNumber,passportType,passportIssuingState,passportExpiresOn,visaIssuingState,visaCategory,visaNumber,visaIssuedOn,visaValidFrom,visaValidUntil,visaEntries");
        string[] family = ["Иванов", "Петрова", "Смирнов", "Кузнецова", "Попов"];
        string[] latin = ["Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Popov"];
        for (var i = 0; i < count; i++)
        {
            var born = new DateOnly(1960, 1, 1).AddDays(i % 12000);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{family[i % 5]},Анна {i},{latin[i % 5]},Anna {i},{born:yyyy-MM-dd},RU,{(i % 2 == 0 ? "Female" : "Male")},B{i:D8},Diplomatic,RU,2030-01-01,US,A-1,V{i:D9},2020-12-15,2021-01-01,2023-12-31,Multiple"));
        }
        return path;
    }

    private static async Task<Run> ImportSqliteAsync(string file, ImportTarget target, string? mapping)
    {
        var db = Path.Combine(Path.GetTempPath(), $"chancery-import-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var services = BenchHost.Services(db);
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync().ConfigureAwait(false);
            return await TimedImportAsync(services, file, target, mapping).ConfigureAwait(false);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
    }

    // Both PostgreSQL runs create and migrate their database before the clock starts: only the insertion is timed.
    private static async Task<Run> ImportPostgresAsync(string server, string file)
    {
        var (name, services) = await CreatePostgresAsync(server).ConfigureAwait(false);
        try
        {
            return await TimedImportAsync(services, file, ImportTarget.People, null).ConfigureAwait(false);
        }
        finally
        {
            await services.DisposeAsync().ConfigureAwait(false);
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").ConfigureAwait(false);
        }
    }

    // A fresh database on the server, migrated through the app's initializer; the caller drops it.
    private static async Task<(string Name, ServiceProvider Services)> CreatePostgresAsync(string server)
    {
        var name = $"chancery_import_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"").ConfigureAwait(false);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(BenchHost.WithChainKey(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Chancery"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(),
        })).Build();
        var collection = new ServiceCollection().AddLogging().AddChanceryCore(configuration);
        collection.AddSingleton(AccessScope.System);
        var services = collection.BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync().ConfigureAwait(false);
        return (name, services);
    }

    private static async Task<Run> TimedImportAsync(IServiceProvider services, string file, ImportTarget target, string? mapping)
    {
        ImportReport? report = null;
        var run = await MeasureAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
                report = await scope.ServiceProvider.GetRequiredService<ImportService>()
                    .ImportAsync(stream, Path.GetFileName(file), new ImportRequest(target, mapping, SkipRejected: true), default).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (report is not { Committed: true }) throw new InvalidOperationException("The import did not commit: " + report?.Summary);
        return run with { Report = report.Summary };
    }

    private sealed record Row(Person Person, Chancery.Core.Visas.Visa Visa);

    // The same rows as the file, parsed before the clock starts: the baseline measures only the writing.
    private static List<Row> Parse(string file)
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var c = line.Split(',');
            var person = new Person
            {
                FamilyName = c[0],
                GivenNames = c[1],
                FamilyNameLatin = c[2],
                GivenNamesLatin = c[3],
                DateOfBirth = DateOnly.Parse(c[4], CultureInfo.InvariantCulture),
                NationalityCode = c[5],
                Gender = Enum.Parse<Gender>(c[6]),
                PassportNumber = c[7],
                PassportType = PassportType.Diplomatic,
                PassportIssuingStateCode = c[9],
                PassportExpiresOn = DateOnly.Parse(c[10], CultureInfo.InvariantCulture),
            };
            person.RefreshSearchKey();
            rows.Add(new Row(person, new Chancery.Core.Visas.Visa
            {
                HolderId = person.Id,
                IssuingStateCode = c[11],
                CategoryCode = c[12],
                Number = c[13],
                IssuedOn = DateOnly.Parse(c[14], CultureInfo.InvariantCulture),
                ValidFrom = DateOnly.Parse(c[15], CultureInfo.InvariantCulture),
                ValidUntil = DateOnly.Parse(c[16], CultureInfo.InvariantCulture),
                Entries = Chancery.Core.Visas.VisaEntries.Multiple,
            }));
        }
        return rows;
    }

    // Like the import's run: the database is created and migrated before the clock starts; only the insertion is timed.
    private static async Task<Run> RawSqliteAsync(List<Row> rows)
    {
        var db = Path.Combine(Path.GetTempPath(), $"chancery-import-raw-{Guid.NewGuid():N}.db");
        try
        {
            await using (var services = BenchHost.Services(db))
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync().ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
            return Measure(() => RawSqlite(db, rows));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
    }

    // The raw loop on a migrated schema (indexes, foreign keys) like the import's, with the app's pragmas.
    private static void RawSqlite(string db, List<Row> rows)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824;";
            pragma.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var people = Prepare(connection, tx, "INSERT INTO \"People\" (\"Id\",\"Version\",\"FamilyName\",\"GivenNames\",\"FamilyNameLatin\",\"GivenNamesLatin\",\"DateOfBirth\",\"NationalityCode\",\"Gender\",\"PassportNumber\",\"PassportType\",\"PassportIssuingStateCode\",\"PassportExpiresOn\",\"RegisteredByUserId\",\"SearchKey\") VALUES ($p0,$p1,$p2,$p3,$p4,$p5,$p6,$p7,$p8,$p9,$p10,$p11,$p12,$p13,$p14)", 15);
        using var visas = Prepare(connection, tx, "INSERT INTO \"Visas\" (\"Id\",\"Version\",\"HolderId\",\"IssuingStateCode\",\"CategoryCode\",\"Number\",\"IssuedOn\",\"ValidFrom\",\"ValidUntil\",\"Entries\",\"EntriesUsed\",\"CancelledOn\",\"CancellationReason\",\"ReplacesVisaId\") VALUES ($p0,$p1,$p2,$p3,$p4,$p5,$p6,$p7,$p8,$p9,$p10,$p11,$p12,$p13)", 14);
        foreach (var (p, v) in rows)
        {
            Bind(people, p.Id.ToString().ToUpperInvariant(), 1, p.FamilyName, p.GivenNames, p.FamilyNameLatin, p.GivenNamesLatin, Date(p.DateOfBirth), p.NationalityCode,
                p.Gender.ToString(), p.PassportNumber, p.PassportType.ToString(), p.PassportIssuingStateCode, Date(p.PassportExpiresOn), null, p.SearchKey);
            Bind(visas, v.Id.ToString().ToUpperInvariant(), 1, p.Id.ToString().ToUpperInvariant(), v.IssuingStateCode, v.CategoryCode, v.Number, Date(v.IssuedOn),
                Date(v.ValidFrom), Date(v.ValidUntil), v.Entries.ToString(), 0, null, null, null);
        }
        tx.Commit();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++) command.Parameters.Add(new SqliteParameter("$p" + i, null));
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Run> CopyPostgresAsync(string server, List<Row> rows)
    {
        var (name, services) = await CreatePostgresAsync(server).ConfigureAwait(false);
        await services.DisposeAsync().ConfigureAwait(false);
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            return await MeasureAsync(() => CopyAsync(connectionString, rows)).ConfigureAwait(false);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").ConfigureAwait(false);
        }
    }

    // Opens its connection inside the timed section, as the import does.
    private static async Task CopyAsync(string connectionString, List<Row> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var people = await connection.BeginBinaryImportAsync("COPY \"People\" (\"Id\",\"Version\",\"FamilyName\",\"GivenNames\",\"FamilyNameLatin\",\"GivenNamesLatin\",\"DateOfBirth\",\"NationalityCode\",\"Gender\",\"PassportNumber\",\"PassportType\",\"PassportIssuingStateCode\",\"PassportExpiresOn\",\"SearchKey\") FROM STDIN (FORMAT BINARY)").ConfigureAwait(false))
        {
            foreach (var (p, _) in rows)
            {
                await people.StartRowAsync().ConfigureAwait(false);
                await people.WriteAsync(p.Id, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await people.WriteAsync(1, NpgsqlDbType.Integer).ConfigureAwait(false);
                foreach (var text in new[] { p.FamilyName, p.GivenNames, p.FamilyNameLatin!, p.GivenNamesLatin! })
                    await people.WriteAsync(text, NpgsqlDbType.Text).ConfigureAwait(false);
                await people.WriteAsync(p.DateOfBirth!.Value, NpgsqlDbType.Date).ConfigureAwait(false);
                await people.WriteAsync(p.NationalityCode, NpgsqlDbType.Text).ConfigureAwait(false);
                await people.WriteAsync(p.Gender.ToString()!, NpgsqlDbType.Text).ConfigureAwait(false);
                await people.WriteAsync(p.PassportNumber!, NpgsqlDbType.Text).ConfigureAwait(false);
                await people.WriteAsync(p.PassportType.ToString()!, NpgsqlDbType.Text).ConfigureAwait(false);
                await people.WriteAsync(p.PassportIssuingStateCode!, NpgsqlDbType.Text).ConfigureAwait(false);
                await people.WriteAsync(p.PassportExpiresOn!.Value, NpgsqlDbType.Date).ConfigureAwait(false);
                await people.WriteAsync(p.SearchKey, NpgsqlDbType.Text).ConfigureAwait(false);
            }
            await people.CompleteAsync().ConfigureAwait(false);
        }
        await using (var visas = await connection.BeginBinaryImportAsync("COPY \"Visas\" (\"Id\",\"Version\",\"HolderId\",\"IssuingStateCode\",\"CategoryCode\",\"Number\",\"IssuedOn\",\"ValidFrom\",\"ValidUntil\",\"Entries\",\"EntriesUsed\") FROM STDIN (FORMAT BINARY)").ConfigureAwait(false))
        {
            foreach (var (p, v) in rows)
            {
                await visas.StartRowAsync().ConfigureAwait(false);
                await visas.WriteAsync(v.Id, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await visas.WriteAsync(1, NpgsqlDbType.Integer).ConfigureAwait(false);
                await visas.WriteAsync(p.Id, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await visas.WriteAsync(v.IssuingStateCode, NpgsqlDbType.Text).ConfigureAwait(false);
                await visas.WriteAsync(v.CategoryCode, NpgsqlDbType.Text).ConfigureAwait(false);
                await visas.WriteAsync(v.Number!, NpgsqlDbType.Text).ConfigureAwait(false);
                await visas.WriteAsync(v.IssuedOn!.Value, NpgsqlDbType.Date).ConfigureAwait(false);
                await visas.WriteAsync(v.ValidFrom, NpgsqlDbType.Date).ConfigureAwait(false);
                await visas.WriteAsync(v.ValidUntil, NpgsqlDbType.Date).ConfigureAwait(false);
                await visas.WriteAsync(v.Entries.ToString(), NpgsqlDbType.Text).ConfigureAwait(false);
                await visas.WriteAsync(0, NpgsqlDbType.Integer).ConfigureAwait(false);
            }
            await visas.CompleteAsync().ConfigureAwait(false);
        }
        await tx.CommitAsync().ConfigureAwait(false);
    }

    private static Run Measure(Action work) => MeasureAsync(() =>
    {
        work();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    // Wall and CPU time of the work, and the highest working set sampled while it runs (the process's own peak never falls).
    private static async Task<Run> MeasureAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        long peak = 0;
        long heap = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                heap = Math.Max(heap, GC.GetTotalMemory(false));
                try { await Task.Delay(20, sampling.Token).ConfigureAwait(false); } catch (OperationCanceledException) { break; }
            }
        });
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await work().ConfigureAwait(false);
        var wall = watch.Elapsed;
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        return new Run(wall, used, peak / 1048576.0, heap / 1048576.0);
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == name) return args[i + 1];
        return null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
