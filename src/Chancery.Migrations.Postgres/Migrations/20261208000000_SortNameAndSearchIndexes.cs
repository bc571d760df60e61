using Chancery.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Hand-written: indexes on the expression the people list sorts by (the Latin name when known, else the original),
    /// which EF's model cannot declare, and a trigram index for name search: the search key is matched anywhere in the
    /// text (<c>LIKE '%word%'</c>, as Npgsql writes <c>Contains</c>), which only a <c>pg_trgm</c> GIN index can serve.
    /// <c>pg_trgm</c> ships with PostgreSQL and is a trusted extension (the database owner may create it).
    /// </summary>
    [DbContext(typeof(ChanceryDbContext))]
    [Migration("20261208000000_SortNameAndSearchIndexes")]
    public class SortNameAndSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_People_SortName" ON "People" (COALESCE("FamilyNameLatin", "FamilyName"), COALESCE("GivenNamesLatin", "GivenNames"), "Id");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_People_NationalityCode_SortName" ON "People" ("NationalityCode", COALESCE("FamilyNameLatin", "FamilyName"));""");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""CREATE INDEX "IX_People_SearchKey_Trigram" ON "People" USING gin ("SearchKey" gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_People_SearchKey_Trigram";""");
            migrationBuilder.Sql("""DROP INDEX "IX_People_NationalityCode_SortName";""");
            migrationBuilder.Sql("""DROP INDEX "IX_People_SortName";""");
        }
    }
}
