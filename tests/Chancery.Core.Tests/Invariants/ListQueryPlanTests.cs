using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chancery.Benchmarks.World;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.People;
using Chancery.Core.Tests.Infrastructure;
using Chancery.Core.Visas;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chancery.Core.Tests.Invariants;

/// <summary>
/// Each SQL command a service sends to the database, explained (SQLite <c>EXPLAIN QUERY PLAN</c>, PostgreSQL
/// <c>EXPLAIN (FORMAT JSON)</c>) just before it runs, with its own parameters, on the connection it runs on.
/// </summary>
internal sealed class PlanRecorder : DbCommandInterceptor
{
    public List<(string Sql, List<string> Plan)> Commands { get; } = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        var sqlite = command is SqliteCommand;
        explain.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (FORMAT JSON) ") + command.CommandText;
        foreach (DbParameter p in command.Parameters)
            explain.Parameters.Add(p is NpgsqlParameter n ? n.Clone() : new SqliteParameter(p.ParameterName, p.Value) { DbType = p.DbType });
        var plan = new List<string>();
        using (var reader = explain.ExecuteReader())
        {
            while (reader.Read())
            {
                if (sqlite) plan.Add(reader.GetString(3));
                else plan.AddRange(PostgresNodes(JsonDocument.Parse(reader.GetString(0)).RootElement[0].GetProperty("Plan")));
            }
        }
        lock (Commands) Commands.Add((command.CommandText, plan));
    }

    // "Seq Scan People", "Index Scan IX_People_SortName People", ...: one line per plan node.
    private static IEnumerable<string> PostgresNodes(JsonElement node)
    {
        var relation = node.TryGetProperty("Relation Name", out var r) ? " " + r.GetString() : "";
        var index = node.TryGetProperty("Index Name", out var i) ? " " + i.GetString() : "";
        yield return $"{node.GetProperty("Node Type").GetString()}{index}{relation}";
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray())
                foreach (var line in PostgresNodes(child))
                    yield return line;
    }
}

/// <summary>
/// A generated world of about 2,000 missions (some 65,000 people and 150,000 visas) on one provider, with the planner's
/// statistics gathered as the benchmark world has them, and the Core services on it (system scope) recording the plan
/// of every command they send.
/// </summary>
public abstract class PlanWorld : IAsyncLifetime
{
    internal static readonly WorldScale Scale = new("plans", 2_000, 0.88);

    private ServiceProvider? _services;
    internal PlanRecorder Recorder { get; } = new();
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The nationality, issuing state, mission and person the filtered cases use: common ones, so the filter is not trivially selective.</summary>
    public (string State, Guid MissionId, Guid PersonId, string Name) Sample { get; private set; }

    protected abstract Task<string> CreateAsync();

    protected abstract Task DropAsync();

    public async Task InitializeAsync()
    {
        var values = new Dictionary<string, string?> { ["Database:Provider"] = Provider.ToString(), ["ConnectionStrings:Chancery"] = await CreateAsync() };
        var services = new ServiceCollection().AddLogging().AddChanceryCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddSingleton(AccessScope.System);
        services.ConfigureDbContext<ChanceryDbContext>(o => o.AddInterceptors(Recorder));
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
        var state = await db.People.GroupBy(p => p.NationalityCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var mission = await db.Assignments.GroupBy(a => a.MissionId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var person = await db.People.Where(p => p.FamilyNameLatin != null && db.Visas.Any(v => v.HolderId == p.Id)).OrderBy(p => p.Id).Select(p => new { p.Id, p.FamilyNameLatin }).FirstAsync();
        Sample = (state, mission, person.Id, person.FamilyNameLatin!);
        Recorder.Commands.Clear();
    }

    /// <summary>Runs one service call in a fresh scope and returns the plans of the commands it sent.</summary>
    internal async Task<List<(string Sql, List<string> Plan)>> PlansOf(Func<IServiceProvider, Task> call)
    {
        Recorder.Commands.Clear();
        await using var scope = _services!.CreateAsyncScope();
        await call(scope.ServiceProvider);
        return [.. Recorder.Commands];
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await DropAsync();
    }
}

public sealed class SqlitePlanWorld : PlanWorld
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"chancery-plans-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override async Task<string> CreateAsync()
    {
        await WorldGenerator.GenerateAsync(Scale, _path);
        return new SqliteConnectionStringBuilder { DataSource = _path }.ToString();
    }

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
        return Task.CompletedTask;
    }
}

public sealed class PostgresPlanWorld : PlanWorld
{
    private string? _server;
    private string? _database;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> CreateAsync()
    {
        _server = Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable);
        if (string.IsNullOrWhiteSpace(_server))
            throw new InvalidOperationException($"{PostgresTestDatabase.Variable} is not set, so the PostgreSQL plans cannot be checked; scripts/test sets it.");
        var target = await WorldGenerator.EnsurePostgresAsync(Scale, _server);
        _database = new NpgsqlConnectionStringBuilder(target).Database;
        return target;
    }

    protected override async Task DropAsync()
    {
        if (_database is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The list calls whose plans are checked: name, whether a filter narrows it to a small share of the table (then its count
/// must use an index too), and the call.
/// </summary>
public static class ListPlanCases
{
    public static TheoryData<string> Names => [.. All.Keys];

    public static readonly Dictionary<string, (bool Selective, Func<PlanWorld, IServiceProvider, Task> Call)> All = new()
    {
        ["people by name"] = (false, (_, sp) => People(sp, new PersonQuery(), "name")),
        ["people by name, descending"] = (false, (_, sp) => People(sp, new PersonQuery(), "-name")),
        ["people by nationality"] = (false, (_, sp) => People(sp, new PersonQuery(), "nationality")),
        ["people by birth"] = (false, (_, sp) => People(sp, new PersonQuery(), "born")),
        ["people of one nationality"] = (true, (w, sp) => People(sp, new PersonQuery(Nationality: w.Sample.State), "name")),
        ["people of one mission"] = (true, (w, sp) => People(sp, new PersonQuery(MissionId: w.Sample.MissionId), "name")),
        ["visas by end date"] = (false, (_, sp) => Visas(sp, new VisaQuery(), null)),
        ["visas by end date, descending"] = (false, (_, sp) => Visas(sp, new VisaQuery(), "-validuntil")),
        ["visas by start date"] = (false, (_, sp) => Visas(sp, new VisaQuery(), "validfrom")),
        ["visas by holder"] = (false, (_, sp) => Visas(sp, new VisaQuery(), "holder")),
        ["visas of one holder"] = (true, (w, sp) => Visas(sp, new VisaQuery(HolderId: w.Sample.PersonId), null)),
        ["visas of one issuing state"] = (true, (w, sp) => Visas(sp, new VisaQuery(IssuingState: w.Sample.State), null)),
        ["visas of one mission"] = (true, (w, sp) => Visas(sp, new VisaQuery(MissionId: w.Sample.MissionId), null)),
        ["visas valid on a date"] = (false, (_, sp) => Visas(sp, new VisaQuery(ValidOn: WorldGenerator.BenchmarkAsOf), null)),
        ["visas ending by a date"] = (false, (_, sp) => Visas(sp, new VisaQuery(ExpiresBy: WorldGenerator.BenchmarkAsOf), null)),
        ["assignments by start"] = (false, (_, sp) => sp.GetRequiredService<AssignmentService>().ListAsync(new AssignmentQuery(), new PageRequest(), default)),
        ["assignments by name"] = (false, (_, sp) => sp.GetRequiredService<AssignmentService>().ListAsync(new AssignmentQuery(), new PageRequest(Sort: "name"), default)),
        ["applications by filing date"] = (false, (_, sp) => sp.GetRequiredService<VisaApplicationService>().ListAsync(new VisaApplicationQuery(), new PageRequest(), default)),
        ["applications of one mission"] = (true, (w, sp) => sp.GetRequiredService<VisaApplicationService>().ListAsync(new VisaApplicationQuery(MissionId: w.Sample.MissionId), new PageRequest(), default)),
    };

    private static Task<Page<PersonDto>> People(IServiceProvider sp, PersonQuery query, string sort) =>
        sp.GetRequiredService<PersonService>().ListAsync(query, new PageRequest(Sort: sort), default);

    private static Task<Page<VisaDto>> Visas(IServiceProvider sp, VisaQuery query, string? sort) =>
        sp.GetRequiredService<VisaService>().ListAsync(query, new PageRequest(Sort: sort), default);
}

/// <summary>
/// The people and visa lists on a world big enough for the planner to prefer indexes: no command a list sends may read
/// the whole People or Visas table (SQLite <c>SCAN</c> of the table itself, PostgreSQL <c>Seq Scan</c>). The commands
/// are the services' own (recorded as they run), so the test follows the code. One exception: the total of a list that
/// is not filtered, or filtered by something most rows match (valid on a date, ending by a date), counts a large share
/// of the table, and a sequential scan is PostgreSQL's cheapest way to do it; bounding those totals is item 1's. Name search (a substring anywhere in the search key) is checked on PostgreSQL,
/// where a trigram index serves it; SQLite has no such index and scans.
/// </summary>
/// <remarks>Only the system's (and so administrators' and auditors') lists: a scoped caller's lists filter through the
/// missions they may see, a query shape of its own.</remarks>
public abstract partial class ListQueryPlanTests<TWorld>(TWorld world) where TWorld : PlanWorld
{
    [GeneratedRegex("\"(People|Visas)\" AS \"(\\w+)\"")]
    private static partial Regex BigTableAlias();

    [GeneratedRegex("^SCAN (?:TABLE )?(\\w+)(?: AS (\\w+))?(.*)$")]
    private static partial Regex SqliteScan();

    protected TWorld World => world;

    [Theory, MemberData(nameof(ListPlanCases.Names), MemberType = typeof(ListPlanCases))]
    public async Task ListReadsPeopleAndVisasThroughIndexes(string name)
    {
        var (selective, call) = ListPlanCases.All[name];
        var commands = await world.PlansOf(sp => call(world, sp));

        Assert.NotEmpty(commands);
        var offenders = new List<string>();
        foreach (var (sql, plan) in commands)
        {
            if (!selective && sql.StartsWith("SELECT COUNT(*)", StringComparison.OrdinalIgnoreCase)) continue;
            var big = BigTableAlias().Matches(sql).Select(m => m.Groups[2].Value).ToHashSet();
            foreach (var line in plan)
            {
                var fullScan = world.Provider == DatabaseProvider.Sqlite
                    ? SqliteScan().Match(line) is { Success: true } m && !m.Groups[3].Value.Contains("USING", StringComparison.Ordinal)
                        && (big.Contains(m.Groups[1].Value) || big.Contains(m.Groups[2].Value) || m.Groups[1].Value is "People" or "Visas")
                    : line is "Seq Scan People" or "Seq Scan Visas";
                if (fullScan) offenders.Add($"{line}{Environment.NewLine}    in {sql.ReplaceLineEndings(" ")}{Environment.NewLine}    plan: {string.Join(" | ", plan)}");
            }
        }
        Assert.True(offenders.Count == 0, $"{name} on {world.Provider} reads a whole table:{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }
}

public sealed class SqliteListQueryPlanTests(SqlitePlanWorld world) : ListQueryPlanTests<SqlitePlanWorld>(world), IClassFixture<SqlitePlanWorld>;

public sealed class PostgresListQueryPlanTests(PostgresPlanWorld world) : ListQueryPlanTests<PostgresPlanWorld>(world), IClassFixture<PostgresPlanWorld>
{
    [Fact]
    public async Task NameSearchUsesTheTrigramIndex()
    {
        var commands = await World.PlansOf(sp => sp.GetRequiredService<PersonService>().ListAsync(new PersonQuery(Q: World.Sample.Name), new PageRequest(), default));

        // The total reads every match, through the trigram index; the page may instead walk the name index until it has
        // enough matches (a common name); neither reads the whole table.
        var count = Assert.Single(commands, c => c.Sql.StartsWith("SELECT COUNT(*)", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(count.Plan, line => line.Contains("IX_People_SearchKey_Trigram", StringComparison.Ordinal));
        Assert.All(commands, c => Assert.DoesNotContain("Seq Scan People", c.Plan));
    }
}
