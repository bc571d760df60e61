using Chancery.Core.Data;

namespace Chancery.Core.Demo;

/// <summary>Seeds the reference scenario (written next).</summary>
public sealed class DemoSeeder(ChanceryDbContext db)
{
    /// <summary>Seeds; does nothing yet.</summary>
    public Task SeedAsync(CancellationToken ct = default) => db.Database.CanConnectAsync(ct);
}
