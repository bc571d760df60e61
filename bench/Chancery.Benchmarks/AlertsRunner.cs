using Chancery.Benchmarks.Baseline;
using Chancery.Core.Visas;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Benchmarks;

/// <summary>The two contenders on one world file: the real AlertService (system scope) and the SQL baseline.</summary>
public sealed class AlertsRunner(string path, string? postgres = null) : IDisposable
{
    private readonly ServiceProvider _services = postgres is null
        ? BenchHost.Services(path)
        : BenchHost.Services(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Chancery"] = postgres });
    private readonly SqliteConnection _sql = AlertsSql.Open(path);

    /// <summary>The thresholds the service runs with (defaults), passed to the baseline too.</summary>
    public AlertSettings Settings => _services.GetRequiredService<AlertSettings>();

    /// <summary>All alerts as of <paramref name="asOf"/> through <see cref="AlertService.ListAsync"/>, in a fresh scope as a request would.</summary>
    public async Task<AlertList> ServiceAsync(DateOnly asOf, CancellationToken ct = default)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlertService>().ListAsync(new AlertQuery(asOf), ct).ConfigureAwait(false);
    }

    /// <summary>All alerts as of <paramref name="asOf"/> through the seven baseline queries.</summary>
    public List<AlertRow> Sql(DateOnly asOf) => AlertsSql.RunAll(_sql, asOf, Settings);

    /// <summary>Both sides' rows for <paramref name="asOf"/>, compared.</summary>
    public async Task<(int Service, int Sql, AlertsDifference Difference)> CompareAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var service = AlertsComparison.Rows((await ServiceAsync(asOf, ct).ConfigureAwait(false)).Alerts);
        var sql = Sql(asOf);
        return (service.Count, sql.Count, AlertsComparison.Compare(service, sql));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sql.Dispose();
        _services.Dispose();
    }
}
