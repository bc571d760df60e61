using Chancery.Benchmarks.Baseline;
using Chancery.Core.Reciprocity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Benchmarks;

/// <summary>The two contenders of the world view on one world file: the real WorldParityService (system scope) and the one-query SQL baseline.</summary>
public sealed class WorldParityRunner(string path) : IDisposable
{
    private readonly ServiceProvider _services = BenchHost.Services(path);
    private readonly SqliteConnection _sql = AlertsSql.Open(path);

    /// <summary>The state with missions in or from the most other states: the largest world view.</summary>
    public string MostConnectedState() => WorldParitySql.MostConnectedState(_sql);

    /// <summary>Every state that sends or receives a mission, by code.</summary>
    public IReadOnlyList<string> States() => WorldParitySql.States(_sql);

    /// <summary>The world view of <paramref name="state"/> through <see cref="WorldParityService.GetAsync"/>, in a fresh scope as a request would.</summary>
    public async Task<WorldParity> ServiceAsync(string state, DateOnly asOf, CancellationToken ct = default)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorldParityService>().GetAsync(state, asOf, null, ct).ConfigureAwait(false);
    }

    /// <summary>The counterparts of <paramref name="state"/> through the baseline query.</summary>
    public List<WorldParityCountRow> Sql(string state, DateOnly asOf) => WorldParitySql.Run(_sql, state, asOf);

    /// <summary>Both sides' rows, and their differences as text (empty when they agree).</summary>
    public async Task<(List<WorldParityCountRow> Service, List<WorldParityCountRow> Sql, string Differences)> CompareAsync(string state, DateOnly asOf, CancellationToken ct = default)
    {
        var view = await ServiceAsync(state, asOf, ct).ConfigureAwait(false);
        if (view.Total != view.Counterparts.Count) throw new InvalidOperationException($"{view.Total} counterparts do not fit one page of {view.PageSize}.");
        var service = view.Counterparts.Select(WorldParityCountRow.From).ToList();
        var sql = Sql(state, asOf);
        return (service, sql, WorldParitySql.Differences(service, sql));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sql.Dispose();
        _services.Dispose();
    }
}
