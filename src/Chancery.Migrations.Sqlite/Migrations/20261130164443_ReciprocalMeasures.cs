using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReciprocalMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReciprocalMeasureId",
                table: "HostPolicies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReciprocalMeasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActingStateCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    TargetStateCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    AnnouncedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InForceFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Magnitude = table.Column<int>(type: "INTEGER", nullable: true),
                    NoticeDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    InResponseToId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReciprocalMeasures", x => x.Id);
                    table.CheckConstraint("CK_ReciprocalMeasures_EndedAfterInForce", "\"EndedOn\" IS NULL OR \"EndedOn\" >= \"InForceFrom\"");
                    table.CheckConstraint("CK_ReciprocalMeasures_InForceAfterAnnounced", "\"InForceFrom\" >= \"AnnouncedOn\"");
                    table.CheckConstraint("CK_ReciprocalMeasures_MagnitudeNotNegative", "\"Magnitude\" IS NULL OR \"Magnitude\" >= 0");
                    table.CheckConstraint("CK_ReciprocalMeasures_States", "\"ActingStateCode\" <> \"TargetStateCode\"");
                    table.ForeignKey(
                        name: "FK_ReciprocalMeasures_ReciprocalMeasures_InResponseToId",
                        column: x => x.InResponseToId,
                        principalTable: "ReciprocalMeasures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReciprocalMeasures_States_ActingStateCode",
                        column: x => x.ActingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReciprocalMeasures_States_TargetStateCode",
                        column: x => x.TargetStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HostPolicies_ReciprocalMeasureId",
                table: "HostPolicies",
                column: "ReciprocalMeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_ReciprocalMeasures_ActingStateCode_TargetStateCode_AnnouncedOn",
                table: "ReciprocalMeasures",
                columns: new[] { "ActingStateCode", "TargetStateCode", "AnnouncedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ReciprocalMeasures_InResponseToId",
                table: "ReciprocalMeasures",
                column: "InResponseToId");

            migrationBuilder.CreateIndex(
                name: "IX_ReciprocalMeasures_TargetStateCode",
                table: "ReciprocalMeasures",
                column: "TargetStateCode");

            migrationBuilder.AddForeignKey(
                name: "FK_DepartureOrders_ReciprocalMeasures_ReciprocalMeasureId",
                table: "DepartureOrders",
                column: "ReciprocalMeasureId",
                principalTable: "ReciprocalMeasures",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_HostPolicies_ReciprocalMeasures_ReciprocalMeasureId",
                table: "HostPolicies",
                column: "ReciprocalMeasureId",
                principalTable: "ReciprocalMeasures",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_StaffingCaps_ReciprocalMeasures_ReciprocalMeasureId",
                table: "StaffingCaps",
                column: "ReciprocalMeasureId",
                principalTable: "ReciprocalMeasures",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DepartureOrders_ReciprocalMeasures_ReciprocalMeasureId",
                table: "DepartureOrders");

            migrationBuilder.DropForeignKey(
                name: "FK_HostPolicies_ReciprocalMeasures_ReciprocalMeasureId",
                table: "HostPolicies");

            migrationBuilder.DropForeignKey(
                name: "FK_StaffingCaps_ReciprocalMeasures_ReciprocalMeasureId",
                table: "StaffingCaps");

            migrationBuilder.DropTable(
                name: "ReciprocalMeasures");

            migrationBuilder.DropIndex(
                name: "IX_HostPolicies_ReciprocalMeasureId",
                table: "HostPolicies");

            migrationBuilder.DropColumn(
                name: "ReciprocalMeasureId",
                table: "HostPolicies");
        }
    }
}
