using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chancery.Benchmarks;

/// <summary>
/// Listens to EF's diagnostic events and records, per SQL command, the time from execution to the reader's disposal
/// (the query plus reading and materialising its rows) and the rows read: what part of a service call is the database.
/// </summary>
internal sealed class QueryProfiler : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];

    public QueryProfiler() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public List<(string Sql, int Rows, TimeSpan Duration)> Commands { get; } = [];

    /// <summary>Print each command as it starts (to see which one a slow call is waiting on).</summary>
    public bool Live { get; init; }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
            lock (_listeners) _listeners.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (Live && value.Value is CommandEventData { } started && value.Key.EndsWith("CommandExecuting", StringComparison.Ordinal))
            Console.WriteLine($"  [{_clock.Elapsed.TotalMilliseconds,8:0} ms] executing {started.Command.CommandText.Split('\n')[0]}...");
        if (value.Value is DataReaderDisposingEventData e)
            lock (Commands) Commands.Add((e.Command.CommandText, e.ReadCount, e.Duration));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners) _listeners.ForEach(l => l.Dispose());
    }
}
