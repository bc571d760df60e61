using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Chancery.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ChanceryDbContext>
{
    /// <inheritdoc />
    public ChanceryDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ChanceryDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=chancery_design").Apply(options);
        return new ChanceryDbContext(options.Options);
    }
}
