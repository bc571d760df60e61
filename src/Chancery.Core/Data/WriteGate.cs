namespace Chancery.Core.Data;

/// <summary>
/// Serialises this process's writes to a SQLite file. SQLite allows one writer at a time; letting
/// writers collide makes them spin in busy retries (p99 over a second measured on a 2-core machine),
/// while queueing them in-process keeps each write short. One instance per database, a singleton.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the gate; dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _semaphore.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(_semaphore);
    }

    /// <summary>Synchronous variant of <see cref="EnterAsync"/>.</summary>
    public IDisposable Enter()
    {
        _semaphore.Wait();
        return new Releaser(_semaphore);
    }

    /// <inheritdoc />
    public void Dispose() => _semaphore.Dispose();

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) semaphore.Release();
        }
    }
}
