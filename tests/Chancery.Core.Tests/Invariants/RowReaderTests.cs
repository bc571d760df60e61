using System.Data;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Core.Tests.Invariants;

/// <summary>The typed row reader of the large reads: same values as EF, and nothing left open when a query fails.</summary>
public abstract class RowReaderTests<TDatabase>(TDatabase db) where TDatabase : TestDatabase
{
    [Fact]
    public async Task ReadsIdentifiersDatesCodesAndNullsAsEfDoes()
    {
        var assignment = await db.CreatePrincipalAsync();

        var (expected, read) = await db.Read(async ctx =>
        {
            var query = ctx.Assignments.AsNoTracking().Where(a => a.Id == assignment.Id)
                .Select(a => new { a.Id, a.PersonId, a.StartOn, a.EndedOn, a.Mission!.ReceivingStateCode });
            var expected = await query.SingleAsync();
            await using var rows = await RowReader.OpenAsync(ctx.Database, query.CreateDbCommand(), default);
            Assert.True(await rows.ReadAsync(default));
            var read = new
            {
                Id = rows.GetGuid(rows.Ordinal("Id")),
                PersonId = rows.GetGuid(rows.Ordinal("PersonId")),
                StartOn = rows.GetDate(rows.Ordinal("StartOn")),
                EndedOn = rows.GetDateOrNull(rows.Ordinal("EndedOn")),
                ReceivingStateCode = rows.GetCode(rows.Ordinal("ReceivingStateCode")),
            };
            Assert.False(await rows.ReadAsync(default));
            return (expected, read);
        });

        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task JoinsNamesAsOneStringAndTellsWhenAKeyRepeats()
    {
        var latin = await db.CreatePersonAsync(A.Person());
        var written = await db.CreatePersonAsync(A.Person("Đặng", "Thị Ánh", null, null));
        var latinFamilyOnly = await db.CreatePersonAsync(A.Person("Müller", "Jürgen", "Mueller", null));
        var assignment = await db.CreatePrincipalAsync();
        await db.CreateVisaAsync(A.Visa(latin.Id));
        await db.CreateVisaAsync(A.Visa(latin.Id) with { ValidFrom = new DateOnly(2020, 1, 1), ValidUntil = new DateOnly(2020, 12, 31) });
        await db.CreateVisaAsync(A.Visa(written.Id));
        await db.CreateVisaAsync(A.Visa(assignment.PersonId));
        Guid[] people = [latin.Id, written.Id, latinFamilyOnly.Id];

        var (names, repeats) = await db.Read(async ctx =>
        {
            var names = new Dictionary<Guid, (bool NoLatin, string Name, string Expected)>();
            var query = ctx.People.AsNoTracking().Where(p => people.Contains(p.Id))
                .Select(p => new { p.Id, p.FamilyName, p.GivenNames, p.FamilyNameLatin, p.GivenNamesLatin });
            var expected = await query.ToDictionaryAsync(p => p.Id, p => Names.Display(p.FamilyName, p.GivenNames, p.FamilyNameLatin, p.GivenNamesLatin));
            await using (var rows = await RowReader.OpenAsync(ctx.Database, query.CreateDbCommand(), default))
            {
                int family = rows.Ordinal("FamilyName"), given = rows.Ordinal("GivenNames"), familyLatin = rows.Ordinal("FamilyNameLatin"), givenLatin = rows.Ordinal("GivenNamesLatin");
                while (await rows.ReadAsync(default))
                {
                    var id = rows.GetGuid(rows.Ordinal("Id"));
                    names[id] = (rows.IsNullOrEmpty(familyLatin), Names.Display(rows, family, given, familyLatin, givenLatin), expected[id]);
                }
            }
            var repeats = new List<(Guid, bool)>();
            Guid[] holders = [latin.Id, written.Id, assignment.PersonId];
            var visas = ctx.Visas.AsNoTracking().Where(v => holders.Contains(v.HolderId)).OrderBy(v => v.HolderId).ThenBy(v => v.ValidUntil).Select(v => new { v.HolderId });
            await using (var rows = await RowReader.OpenAsync(ctx.Database, visas.CreateDbCommand(), default))
                while (await rows.ReadAsync(default))
                    repeats.Add((rows.GetGuid(0), rows.Repeats(0)));
            return (names, repeats);
        });

        // The same as Names.Display of the values EF reads.
        Assert.Equal((false, "Petrova, Anna", "Petrova, Anna"), names[latin.Id]);
        Assert.Equal((true, "Đặng, Thị Ánh", "Đặng, Thị Ánh"), names[written.Id]);
        Assert.Equal((false, "Mueller, Jürgen", "Mueller, Jürgen"), names[latinFamilyOnly.Id]);
        // Four visas of three holders in holder order: only the second visa of the holder with two repeats its key.
        Assert.Equal([false, false, false, true], repeats.Select(r => r.Item2).OrderBy(r => r));
        Assert.Equal(latin.Id, Assert.Single(repeats, r => r.Item2).Item1);
        for (var i = 1; i < repeats.Count; i++) Assert.Equal(repeats[i].Item1 == repeats[i - 1].Item1, repeats[i].Item2);
    }

    [Fact]
    public async Task ReadsTheSameThroughSqlitePclRawAsThroughTheLibrarysEntryPoints()
    {
        var assignment = await db.CreatePrincipalAsync();
        await db.CreateVisaAsync(A.Visa(assignment.PersonId) with { CancelledOn = new DateOnly(2025, 3, 1) });

        async Task<List<string>> ReadAsync() => await db.Read(async ctx =>
        {
            var query = ctx.Visas.AsNoTracking().Where(v => v.HolderId == assignment.PersonId)
                .Select(v => new { v.Id, v.HolderId, v.IssuingStateCode, v.ValidFrom, v.ValidUntil, v.CancelledOn, v.Holder!.FamilyName });
            var read = new List<string>();
            await using var rows = await RowReader.OpenAsync(ctx.Database, query.CreateDbCommand(), default);
            while (await rows.ReadAsync(default))
                read.Add($"{rows.GetGuid(0)} {rows.GetGuid(1)} {rows.GetCode(2)} {rows.GetDate(3):yyyy-MM-dd} {rows.GetDate(4):yyyy-MM-dd} {rows.GetDateOrNull(5):yyyy-MM-dd} {rows.IsNull(5)} {rows.GetString(6)} {rows.Repeats(1)}");
            return read;
        });
        var direct = RowReader.Direct;
        List<string> viaEntryPoints, viaSqlitePclRaw;
        try
        {
            RowReader.Direct = SqliteEntryPoints.Available;
            viaEntryPoints = await ReadAsync();
            RowReader.Direct = false;
            viaSqlitePclRaw = await ReadAsync();
        }
        finally
        {
            RowReader.Direct = direct;
        }

        Assert.Equal(viaSqlitePclRaw, viaEntryPoints);
        Assert.Contains("2025-03-01", Assert.Single(viaEntryPoints), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingQueryLeavesTheConnectionClosedAndTheContextUsable()
    {
        var state = await db.Read(async ctx =>
        {
            var command = ctx.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT \"NoSuchColumn\" FROM \"Missions\"";
            await Assert.ThrowsAnyAsync<Exception>(() => RowReader.OpenAsync(ctx.Database, command, default));
            var closed = ctx.Database.GetDbConnection().State;
            await ctx.Missions.CountAsync();
            return closed;
        });

        Assert.Equal(ConnectionState.Closed, state);
    }
}

public sealed class SqliteRowReaderTests(SqliteTestDatabase db) : RowReaderTests<SqliteTestDatabase>(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresRowReaderTests(PostgresTestDatabase db) : RowReaderTests<PostgresTestDatabase>(db), IClassFixture<PostgresTestDatabase>;

public sealed class SqliteEntryPointsTests
{
    [Fact]
    public void TheBundledSqliteLibrarysEntryPointsAreFound() => Assert.True(SqliteEntryPoints.Available);
}
