using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportMappingOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OwnerUserId",
                table: "ImportMappings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportMappings_OwnerUserId",
                table: "ImportMappings",
                column: "OwnerUserId");

            migrationBuilder.AddForeignKey(
                name: "FK_ImportMappings_AspNetUsers_OwnerUserId",
                table: "ImportMappings",
                column: "OwnerUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ImportMappings_AspNetUsers_OwnerUserId",
                table: "ImportMappings");

            migrationBuilder.DropIndex(
                name: "IX_ImportMappings_OwnerUserId",
                table: "ImportMappings");

            migrationBuilder.DropColumn(
                name: "OwnerUserId",
                table: "ImportMappings");
        }
    }
}
