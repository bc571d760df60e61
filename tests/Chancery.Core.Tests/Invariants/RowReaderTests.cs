using System.Data;
using Chancery.Core.Data;
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
