using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Postgres.Migrations
{
    /// <summary>The database refuses UPDATE and DELETE on the audit trail (hand-written SQL, kept in Core: AuditAppendOnly).</summary>
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Chancery.Core.Audit.AuditAppendOnly.PostgresUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Chancery.Core.Audit.AuditAppendOnly.PostgresDown);
        }
    }
}
