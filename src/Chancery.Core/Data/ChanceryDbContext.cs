using Chancery.Core.Accounts;
using Chancery.Core.Audit;
using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.States;
using Chancery.Core.Visas;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Data;

/// <summary>The unit of work over Chancery's database (SQLite or PostgreSQL), including accounts and the audit trail.</summary>
public class ChanceryDbContext(
    DbContextOptions<ChanceryDbContext> options, WriteGate? writeGate = null, IAuditActor? actor = null, TimeProvider? clock = null, AuditChainKeySource? chainKey = null)
    : IdentityDbContext<ChanceryUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    // Audit entries for work written outside the change tracker (bulk import), saved with the next SaveChanges.
    private readonly List<PendingAudit> _auditNotes = [];

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
    /// <summary>Visa applications (new, renewal, extension).</summary>
    public DbSet<VisaApplication> VisaApplications => Set<VisaApplication>();
    /// <summary>Receiving states' visa rules.</summary>
    public DbSet<Policies.HostPolicy> HostPolicies => Set<Policies.HostPolicy>();
    /// <summary>Receiving states' departure orders to missions.</summary>
    public DbSet<Departures.DepartureOrder> DepartureOrders => Set<Departures.DepartureOrder>();
    /// <summary>Persons named in departure orders.</summary>
    public DbSet<Departures.DepartureOrderPerson> DepartureOrderPersons => Set<Departures.DepartureOrderPerson>();
    /// <summary>Household memberships ended by recorded departures (kept for reversal).</summary>
    public DbSet<Departures.DepartedFamilyMember> DepartedFamilyMembers => Set<Departures.DepartedFamilyMember>();
    /// <summary>Receiving states' caps on mission size and hiring bans.</summary>
    public DbSet<Policies.StaffingCap> StaffingCaps => Set<Policies.StaffingCap>();
    /// <summary>Authorised positions at missions.</summary>
    public DbSet<Posts.Post> Posts => Set<Posts.Post>();
    /// <summary>Replacements proposed for posts.</summary>
    public DbSet<Posts.Nomination> Nominations => Set<Posts.Nomination>();
    /// <summary>Minimum staffing levels per mission and staff category.</summary>
    public DbSet<Forecast.StaffingMinimum> StaffingMinimums => Set<Forecast.StaffingMinimum>();
    /// <summary>Steps states take against each other (reciprocity ledger).</summary>
    public DbSet<Reciprocity.ReciprocalMeasure> ReciprocalMeasures => Set<Reciprocity.ReciprocalMeasure>();
    /// <summary>Missions assigned to accounts.</summary>
    public DbSet<UserMission> UserMissions => Set<UserMission>();
    /// <summary>Saved column mappings for imports.</summary>
    public DbSet<Import.ImportMapping> ImportMappings => Set<Import.ImportMapping>();
    /// <summary>Secret calendar addresses of accounts (token hashes only).</summary>
    public DbSet<Calendar.CalendarFeed> CalendarFeeds => Set<Calendar.CalendarFeed>();
    /// <summary>Sign-ins (cookie or bearer) and whether they were ended.</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    /// <summary>The hash-chained audit trail.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>ASP.NET Core Data Protection keys, shared by every web instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the audit trail records for changes saved through this context.</summary>
    public IAuditActor Actor { get; set; } = actor ?? FixedActor.System;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ChanceryDbContext).Assembly);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        // Sessions are recorded as sign-in, sign-out and revocation entries (SignInAudit), not as row changes.
        var pending = AuditRecorder.Collect(ChangeTracker, type => type != typeof(DataProtectionKey) && type != typeof(UserSession));
        pending.AddRange(_auditNotes);
        _auditNotes.Clear();
        // Nothing to write needs no turn at the gate; inside a transaction already (InTransactionAsync's work, or the
        // caller's own), the save joins it.
        if (writeGate is null || Database.CurrentTransaction is not null || (pending.Count == 0 && !ChangeTracker.HasChanges()))
            return await SaveWithAuditAsync(pending, acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        return await writeGate.RunAsync(this, c => SaveWithAuditAsync(pending, acceptAllChangesOnSuccess, c), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> SaveWithAuditAsync(List<PendingAudit> pending, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);

        // The change and its audit entries are written in one transaction.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            await AppendAuditAsync(pending, cancellationToken).ConfigureAwait(false);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AppendAuditAsync(List<PendingAudit> pending, CancellationToken ct)
    {
        // Several web instances may write to one PostgreSQL database: hold a transaction-scoped lock
        // while reading the chain's head, so two writers never link to the same predecessor.
        if (Database.IsNpgsql())
            await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7263548190)", ct).ConfigureAwait(false);
        var head = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? "";
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var at = new DateTimeOffset(now.UtcDateTime.Ticks - now.UtcDateTime.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        foreach (var p in pending)
        {
            var entry = new AuditEntry
            {
                Sequence = ++sequence,
                At = at,
                UserId = Actor.UserId,
                UserName = Actor.UserName,
                Action = p.Action,
                EntityType = p.EntityType,
                EntityId = p.EntityId,
                PersonId = p.PersonId,
                MissionId = p.MissionId,
                Changes = p.Changes,
                PreviousHash = previous,
                Hash = "",
            };
            entry.Hash = AuditChain.ComputeKeyedHash(entry, chainKey?.Key
                ?? throw new InvalidOperationException("This context has no audit chain key, so it cannot record changes; resolve it from the services (AddChanceryCore)."));
            previous = entry.Hash;
            AuditEntries.Add(entry);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, so a command either writes everything or nothing: as one write
    /// of the write gate's batch (in a savepoint of its own, acknowledged once the batch commits), or on its own without
    /// a gate. Reads inside <paramref name="work"/> see the writes before it.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Database.CurrentTransaction is not null)
            return await work(ct).ConfigureAwait(false);
        if (writeGate is not null)
            return await writeGate.RunAsync(this, work, ct).ConfigureAwait(false);
        await using var tx = await Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var result = await work(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Adds an audit entry for rows written in bulk, outside the change tracker; it is chained and saved with the next SaveChanges.</summary>
    public void AddAuditNote(PendingAudit note) => _auditNotes.Add(note);

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
