using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.States;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Data;

/// <summary>The unit of work over Chancery's database (SQLite or PostgreSQL).</summary>
public class ChanceryDbContext(DbContextOptions<ChanceryDbContext> options, WriteGate? writeGate = null) : DbContext(options)
{
    // True while InTransactionAsync holds the write gate, so SaveChanges inside it does not wait on itself.
    private bool _holdingGate;

    /// <summary>ISO states (reference data).</summary>
    public DbSet<State> States => Set<State>();
    /// <summary>Missions.</summary>
    public DbSet<Mission> Missions => Set<Mission>();
    /// <summary>People.</summary>
    public DbSet<Person> People => Set<Person>();
    /// <summary>Assignments of people to missions.</summary>
    public DbSet<Assignment> Assignments => Set<Assignment>();
    /// <summary>Household members.</summary>
    public DbSet<FamilyMember> FamilyMembers => Set<FamilyMember>();
    /// <summary>Visas.</summary>
    public DbSet<Visa> Visas => Set<Visa>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChanceryDbContext).Assembly);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        using (_holdingGate ? null : writeGate?.Enter())
            return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        using (_holdingGate || writeGate is null ? null : await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false))
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (and, on SQLite, while holding the write gate),
    /// so a command either writes everything or nothing.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Database.CurrentTransaction is not null)
            return await work(ct).ConfigureAwait(false);
        using var gate = writeGate is null ? null : await writeGate.EnterAsync(ct).ConfigureAwait(false);
        _holdingGate = true;
        try
        {
            await using var tx = await Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var result = await work(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _holdingGate = false;
        }
    }

    /// <summary>Sets the version a client read, so that saving fails with a conflict if the row changed since.</summary>
    public void ExpectVersion(Entity entity, int version) =>
        Entry(entity).Property(e => e.Version).OriginalValue = version;

    private void Stamp()
    {
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Modified)
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            if (entry.Entity is Person person && entry.State is EntityState.Added or EntityState.Modified)
                person.RefreshSearchKey();
        }
    }
}
