using Microsoft.Extensions.Logging;

namespace Chancery.Cli.Hosting;

/// <summary>
/// Chancery's own warnings (a migration lock cleared, waiting for another process) as one line each on standard error,
/// where they do not mix with a command's output. Other libraries' logs stay silent: a failure reaches the user as the
/// command's one-line reason.
/// </summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Chancery.", StringComparison.Ordinal) ? new StderrLogger() : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class StderrLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            Console.Error.WriteLine($"chancery: {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception).ReplaceLineEndings(" ")}");
        }
    }
}
