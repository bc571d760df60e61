using Chancery.Core.Data;
using Microsoft.Data.Sqlite;

namespace Chancery.Web.Tests.Infrastructure;

/// <summary>The app on a fresh SQLite file in the temp folder, deleted on dispose.</summary>
public sealed class SqliteAppFactory : ChanceryAppFactory
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"chancery-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Only this file's pool (other classes' apps run alongside); pooled connections keep the file open.
        using (var pooled = new SqliteConnection(ConnectionString))
            SqliteConnection.ClearPool(pooled);
        // The file, its WAL and shared memory, and the files the app keeps beside it (migration lock, audit key and anchors).
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
            File.Delete(file);
        GC.SuppressFinalize(this);
    }
}
