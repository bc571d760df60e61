using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Hand-written: indexes on the expression the people list sorts by (the Latin name when known, else the original),
    /// which EF's model cannot declare. SQLite uses an index on an expression when the query's ORDER BY or WHERE has the
    /// same expression, as EF writes it for <c>FamilyNameLatin ?? FamilyName</c>.
    /// </summary>
    [DbContext(typeof(ChanceryDbContext))]
    [Migration("20261208000000_SortNameIndexes")]
    public class SortNameIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_People_SortName" ON "People" (COALESCE("FamilyNameLatin", "FamilyName"), COALESCE("GivenNamesLatin", "GivenNames"), "Id");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_People_NationalityCode_SortName" ON "People" ("NationalityCode", COALESCE("FamilyNameLatin", "FamilyName"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_People_NationalityCode_SortName";""");
            migrationBuilder.Sql("""DROP INDEX "IX_People_SortName";""");
        }
    }
}
