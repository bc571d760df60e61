using Chancery.Core.Audit;
using Chancery.Core.Data;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Web.Tests.Security;

/// <summary>
/// GET /api/v1/audit/verify against a trail tampered with by someone with the database owner's rights (triggers dropped):
/// each test runs its own app, since the tampering spoils the trail for good.
/// </summary>
public sealed class AuditTamperApiTests
{
    public static TheoryData<DatabaseProvider> Providers => ApiTestBase.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyNamesTheDeletedTailAgainstTheLastAnchor(DatabaseProvider provider)
    {
        await using var app = NewApp(provider);
        await Create.Posting(app.Accounts.Client(TestAccount.Registrar));
        var auditor = app.Accounts.Client(TestAccount.Auditor);
        var anchored = await auditor.Get<AuditVerification>("/api/v1/audit/verify");
        var head = anchored.EntriesChecked;

        await AsOwnerAsync(app, $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 3}");
        var result = await auditor.Get<AuditVerification>("/api/v1/audit/verify");

        Assert.True(anchored.Intact, anchored.Message);
        Assert.Equal(head, anchored.Anchored?.Sequence);
        Assert.False(result.Intact);
        Assert.Equal(head - 2, result.FirstBrokenSequence);
        Assert.Contains($"entries {head - 2}–{head} were deleted", result.Message, StringComparison.Ordinal);
        Assert.Equal(head, result.CheckedAgainst?.Sequence);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyNamesAnEntryEditedWithTheHashesAfterItRecomputed(DatabaseProvider provider)
    {
        await using var app = NewApp(provider);
        var registrar = app.Accounts.Client(TestAccount.Registrar);
        var mission = await Create.Mission(registrar);
        await Create.Person(registrar);
        var entries = await WithDbAsync(app, d => d.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync());
        var forged = entries.Single(e => e.EntityType == "Mission" && e.EntityId == mission.Id.ToString());

        // The forger edits the entry and recomputes every hash after it, with a key of their own.
        var guessed = AuditChainKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var previous = entries.Single(e => e.Sequence == forged.Sequence - 1).Hash;
        var statements = new List<string>();
        foreach (var entry in entries.Where(e => e.Sequence >= forged.Sequence))
        {
            if (entry.Sequence == forged.Sequence) entry.Changes = entry.Changes.Replace(mission.City, "Somewhere else", StringComparison.Ordinal);
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.ComputeKeyedHash(entry, guessed);
            previous = entry.Hash;
            statements.Add($"UPDATE \"AuditEntries\" SET \"Changes\" = '{entry.Changes.Replace("'", "''", StringComparison.Ordinal)}', \"PreviousHash\" = '{entry.PreviousHash}', \"Hash\" = '{entry.Hash}' WHERE \"Sequence\" = {entry.Sequence}");
        }
        await AsOwnerAsync(app, string.Join(";\n", statements));
        var result = await app.Accounts.Client(TestAccount.Auditor).Get<AuditVerification>("/api/v1/audit/verify");

        Assert.False(result.Intact);
        Assert.Equal(forged.Sequence, result.FirstBrokenSequence);
        Assert.Contains($"Entry {forged.Sequence} does not match its keyed hash", result.Message, StringComparison.Ordinal);
    }

    private static ChanceryAppFactory NewApp(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? new SqliteAppFactory() : new PostgresAppFactory();

    private static async Task<T> WithDbAsync<T>(ChanceryAppFactory app, Func<ChanceryDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ChanceryDbContext>());
    }

    /// <summary>Runs <paramref name="sql"/> with the append-only triggers dropped, then puts them back.</summary>
    private static Task<int> AsOwnerAsync(ChanceryAppFactory app, string sql) => WithDbAsync(app, async d =>
    {
        var sqlite = d.Database.IsSqlite();
        await d.Database.ExecuteSqlRawAsync(sqlite ? AuditAppendOnly.SqliteDown : AuditAppendOnly.PostgresDown);
        // Braces escaped: the raw SQL carries JSON, and EF reads {0} as a parameter.
        await d.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        return await d.Database.ExecuteSqlRawAsync(sqlite ? AuditAppendOnly.SqliteUp : AuditAppendOnly.PostgresUp);
    });
}
