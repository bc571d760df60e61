using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Web.Tests;

public sealed class DatabaseTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task AppRunsOnTheProviderItWasGiven(DatabaseProvider provider)
    {
        var engine = await Fixture.WithDbAsync(provider, db => Task.FromResult(db.Database.ProviderName));

        Assert.Equal(provider == DatabaseProvider.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", engine);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ModelHasNoChangesWithoutAMigration(DatabaseProvider provider)
    {
        var pending = await Fixture.WithDbAsync(provider, db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, $"The EF model differs from the {provider} migrations' snapshot: add a migration to both migration projects (see ARCHITECTURE.md).");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EveryMigrationWasAppliedAtStart(DatabaseProvider provider)
    {
        var (all, applied, pending) = await Fixture.WithDbAsync(provider, async db =>
            (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
    }
}
