using System.Diagnostics;
using System.Text.Json;
using Chancery.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chancery.Benchmarks.World;

/// <summary>How big a world to build: the number of missions, and a factor on staff per mission.</summary>
public sealed record WorldScale(string Name, int Missions, double StaffFactor)
{
    /// <summary>About 10,000 missions, 300,000 people, 600,000 visas, 100,000 applications.</summary>
    public static WorldScale Full { get; } = new("full", 10_000, 0.88);

    /// <summary>About 200 missions: seconds to build, for tests.</summary>
    public static WorldScale Small { get; } = new("small", 200, 0.88);
}

/// <summary>What a generated world holds, and how long it took to build.</summary>
public sealed record WorldStats(
    string Scale, int Seed, int GeneratorVersion, int Missions, int People, int Assignments, int FamilyMembers, int Visas,
    int Applications, int Policies, MissionListReport MissionList, double BuildSeconds, double WriteSeconds)
{
    /// <summary>One line for a report.</summary>
    public override string ToString() =>
        $"{Missions:N0} missions, {People:N0} people ({Assignments:N0} assignments, {FamilyMembers:N0} family links), {Visas:N0} visas, " +
        $"{Applications:N0} applications, {Policies:N0} host policies; built in {BuildSeconds:0.0} s, written in {WriteSeconds:0.0} s";
}

/// <summary>
/// Builds a SQLite database with the app's own schema (created and migrated by <see cref="DatabaseInitializer"/>) and a
/// synthetic world on the real mission list, written with raw prepared commands in one transaction (EF change
/// tracking for a million rows would take far longer). Column names and value conversions come from the EF model, so
/// the rows are exactly what the app would have written. No audit entries are written: this is a bulk load, not a
/// user's change.
/// </summary>
public static class WorldGenerator
{
    /// <summary>Bump when the generated data changes, so cached files are rebuilt.</summary>
    public const int Version = 2;

    /// <summary>The seed of every world.</summary>
    public const int Seed = 20210815;

    /// <summary>The data set's "today": nothing is decided or recorded after it.</summary>
    public static readonly DateOnly Today = new(2022, 6, 30);

    /// <summary>The as-of date the benchmark measures (the demo's reference date).</summary>
    public static readonly DateOnly BenchmarkAsOf = new(2021, 8, 15);

    /// <summary>
    /// The world for <paramref name="scale"/> in <paramref name="directory"/>, built unless a file for this generator
    /// version is already there. Returns its path, its statistics, and whether it was built now.
    /// </summary>
    public static async Task<(string Path, WorldStats Stats, bool Built)> EnsureAsync(WorldScale scale, string directory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"world-{scale.Name}-v{Version}.db");
        var statsPath = Path.ChangeExtension(path, ".json");
        if (File.Exists(path) && File.Exists(statsPath))
        {
            // A cached world gets the migrations added since it was built (indexes, say): same data, current schema.
            await MigrateAsync(path, ct).ConfigureAwait(false);
            return (path, JsonSerializer.Deserialize<WorldStats>(await File.ReadAllTextAsync(statsPath, ct).ConfigureAwait(false))!, false);
        }
        var building = path + ".building";
        var stats = await GenerateAsync(scale, building, ct).ConfigureAwait(false);
        File.Move(building, path, overwrite: true);
        await File.WriteAllTextAsync(statsPath, JsonSerializer.Serialize(stats), ct).ConfigureAwait(false);
        return (path, stats, true);
    }

    /// <summary>
    /// The same world (same seed, same rows) in a PostgreSQL database on <paramref name="server"/>, loaded with binary
    /// COPY unless a database for this generator version is already there. Returns the database's connection string.
    /// </summary>
    public static async Task<string> EnsurePostgresAsync(WorldScale scale, string server, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var name = $"chancery_world_{scale.Name}_v{Version}";
        var target = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        var configuration = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Chancery"] = target };
        if (await ScalarAsync(server, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'", ct).ConfigureAwait(false) > 0)
        {
            await using var services = BenchHost.Services(configuration);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct).ConfigureAwait(false);
            return target;
        }

        // Loaded under another name and renamed at the end, so that a load cut short is never taken for a world.
        var building = name + "_building";
        await ScalarAsync(server, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)", ct).ConfigureAwait(false);
        await ScalarAsync(server, $"CREATE DATABASE \"{building}\"", ct).ConfigureAwait(false);
        var (missions, _) = MissionList.Load();
        var world = new WorldBuilder(scale, new Random(Seed));
        world.Build(missions);
        var buildingString = new NpgsqlConnectionStringBuilder(server) { Database = building }.ToString();
        await using (var services = BenchHost.Services(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Chancery"] = buildingString }))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct).ConfigureAwait(false);
            var connection = new NpgsqlConnection(buildingString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(ct).ConfigureAwait(false);
                var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await CopyAsync(connection, db.Model, world.Missions, ct).ConfigureAwait(false);
                    await CopyAsync(connection, db.Model, world.Policies, ct).ConfigureAwait(false);
                    await CopyAsync(connection, db.Model, world.People, ct).ConfigureAwait(false);
                    await CopyAsync(connection, db.Model, world.Assignments, ct).ConfigureAwait(false);
                    await CopyAsync(connection, db.Model, world.Family, ct).ConfigureAwait(false);
                    await CopyAsync(connection, db.Model, world.Visas, ct).ConfigureAwait(false);
                    await CopyAsync(connection, db.Model, world.Applications, ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                }
                await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
                analyze.CommandTimeout = 0;
                await analyze.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        NpgsqlConnection.ClearAllPools();
        await ScalarAsync(server, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"", ct).ConfigureAwait(false);
        return target;
    }

    private static async Task<long> ScalarAsync(string server, string sql, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(server);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long n ? n : 0;
        }
    }

    // Binary COPY of one entity type, with column names, store types and value conversions from the EF model.
    private static async Task CopyAsync<T>(NpgsqlConnection connection, IModel model, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = entity.GetProperties()
            .Select(p => (Column: p.GetColumnName(), Type: p.GetColumnType(), Converter: p.GetTypeMapping().Converter, Getter: p.GetGetter()))
            .ToList();
        var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct).ConfigureAwait(false);
                foreach (var (_, type, converter, getter) in columns)
                {
                    var value = getter.GetClrValue(row!);
                    if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
                    if (value is null) await importer.WriteNullAsync(ct).ConfigureAwait(false);
                    else await importer.WriteAsync(value, type, ct).ConfigureAwait(false);
                }
            }
            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task MigrateAsync(string path, CancellationToken ct)
    {
        await using (var services = BenchHost.Services(path))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct).ConfigureAwait(false);
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Builds the world for <paramref name="scale"/> into a new SQLite file at <paramref name="path"/>.</summary>
    public static async Task<WorldStats> GenerateAsync(WorldScale scale, string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scale);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(file);

        var clock = Stopwatch.StartNew();
        var (missions, report) = MissionList.Load();
        var world = new WorldBuilder(scale, new Random(Seed));
        world.Build(missions);
        var built = clock.Elapsed.TotalSeconds;

        clock.Restart();
        await using (var services = BenchHost.Services(path))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct).ConfigureAwait(false);
            await WriteAsync(db.Model, path, world, ct).ConfigureAwait(false);
        }
        SqliteConnection.ClearAllPools();
        var written = clock.Elapsed.TotalSeconds;

        return new WorldStats(scale.Name, Seed, Version, world.Missions.Count, world.People.Count, world.Assignments.Count, world.Family.Count,
            world.Visas.Count, world.Applications.Count, world.Policies.Count, report, built, written);
    }

    private static async Task WriteAsync(IModel model, string path, WorldBuilder world, CancellationToken ct)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            // A page cache big enough for the whole load (4 GB at most), so that index pages are written once at commit
            // rather than spilled to the WAL again and again; nothing needs to survive a crash mid-build.
            await ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON; PRAGMA cache_size=-4000000; PRAGMA temp_store=MEMORY;", ct).ConfigureAwait(false);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Insert(connection, transaction, model, world.Missions);
                Insert(connection, transaction, model, world.Policies);
                Insert(connection, transaction, model, world.People);
                Insert(connection, transaction, model, world.Assignments);
                Insert(connection, transaction, model, world.Family);
                Insert(connection, transaction, model, world.Visas);
                Insert(connection, transaction, model, world.Applications);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
            // Planner statistics, as `PRAGMA optimize` would gather on a long-running database; both the service and
            // the SQL baseline run on the same file.
            await ExecuteAsync(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", ct).ConfigureAwait(false);
        }
    }

    private static void Insert<T>(SqliteConnection connection, SqliteTransaction transaction, IModel model, IReadOnlyList<T> rows)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(), Converter: p.GetTypeMapping().Converter, Getter: p.GetGetter()))
            .ToList();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Getter.GetClrValue(row!);
                if (value is not null && columns[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                parameters[i].SqliteType = value switch { int or long or bool => SqliteType.Integer, _ => SqliteType.Text };
                parameters[i].Value = value switch
                {
                    null => DBNull.Value,
                    // EF's SQLite provider stores GUIDs as upper-case text.
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    _ => value,
                };
            }
            command.ExecuteNonQuery();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}
