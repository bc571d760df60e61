using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AlertCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visas_HolderId_IssuingStateCode_ValidUntil_ValidFrom",
                table: "Visas");

            migrationBuilder.CreateIndex(
                name: "IX_Visas_HolderId_IssuingStateCode_ValidUntil_ValidFrom_CancelledOn_Id",
                table: "Visas",
                columns: new[] { "HolderId", "IssuingStateCode", "ValidUntil", "ValidFrom", "CancelledOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visas_HolderId_IssuingStateCode_ValidUntil_ValidFrom_CancelledOn_Id",
                table: "Visas");

            migrationBuilder.CreateIndex(
                name: "IX_Visas_HolderId_IssuingStateCode_ValidUntil_ValidFrom",
                table: "Visas",
                columns: new[] { "HolderId", "IssuingStateCode", "ValidUntil", "ValidFrom" });
        }
    }
}
