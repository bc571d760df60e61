using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Chancery.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ChanceryDbContext>
{
    /// <inheritdoc />
    public ChanceryDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ChanceryDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db").Apply(options);
        return new ChanceryDbContext(options.Options);
    }
}
