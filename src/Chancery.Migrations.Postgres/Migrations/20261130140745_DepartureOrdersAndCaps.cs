using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DepartureOrdersAndCaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DepartureOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeaveBy = table.Column<DateOnly>(type: "date", nullable: false),
                    Basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReciprocalMeasureId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartureOrders", x => x.Id);
                    table.CheckConstraint("CK_DepartureOrders_LeaveByAfterIssued", "\"LeaveBy\" >= \"IssuedOn\"");
                    table.ForeignKey(
                        name: "FK_DepartureOrders_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffingCaps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivingStateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    SendingStateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    MissionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Combined = table.Column<bool>(type: "boolean", nullable: false),
                    Limit = table.Column<int>(type: "integer", nullable: false),
                    InForceFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    InForceUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReciprocalMeasureId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffingCaps", x => x.Id);
                    table.CheckConstraint("CK_StaffingCaps_InForceRange", "\"InForceUntil\" IS NULL OR \"InForceUntil\" >= \"InForceFrom\"");
                    table.CheckConstraint("CK_StaffingCaps_LimitNotNegative", "\"Limit\" >= 0");
                    table.ForeignKey(
                        name: "FK_StaffingCaps_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StaffingCaps_States_ReceivingStateCode",
                        column: x => x.ReceivingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StaffingCaps_States_SendingStateCode",
                        column: x => x.SendingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DepartureOrderPersons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyLeaves = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DepartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RescindedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousEndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousEndReason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartureOrderPersons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartureOrderPersons_Assignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "Assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DepartureOrderPersons_DepartureOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "DepartureOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DepartureOrderPersons_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DepartedFamilyMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartureOrderPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    PreviousEndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartedFamilyMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartedFamilyMembers_DepartureOrderPersons_DepartureOrderP~",
                        column: x => x.DepartureOrderPersonId,
                        principalTable: "DepartureOrderPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DepartedFamilyMembers_FamilyMembers_FamilyMemberId",
                        column: x => x.FamilyMemberId,
                        principalTable: "FamilyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepartedFamilyMembers_DepartureOrderPersonId_FamilyMemberId",
                table: "DepartedFamilyMembers",
                columns: new[] { "DepartureOrderPersonId", "FamilyMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepartedFamilyMembers_FamilyMemberId",
                table: "DepartedFamilyMembers",
                column: "FamilyMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartureOrderPersons_AssignmentId",
                table: "DepartureOrderPersons",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartureOrderPersons_OnePending",
                table: "DepartureOrderPersons",
                column: "PersonId",
                unique: true,
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_DepartureOrderPersons_OrderId_PersonId",
                table: "DepartureOrderPersons",
                columns: new[] { "OrderId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepartureOrders_MissionId_IssuedOn",
                table: "DepartureOrders",
                columns: new[] { "MissionId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DepartureOrders_ReciprocalMeasureId",
                table: "DepartureOrders",
                column: "ReciprocalMeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffingCaps_MissionId",
                table: "StaffingCaps",
                column: "MissionId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffingCaps_ReceivingStateCode_SendingStateCode_InForceFrom",
                table: "StaffingCaps",
                columns: new[] { "ReceivingStateCode", "SendingStateCode", "InForceFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffingCaps_ReciprocalMeasureId",
                table: "StaffingCaps",
                column: "ReciprocalMeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffingCaps_SendingStateCode",
                table: "StaffingCaps",
                column: "SendingStateCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DepartedFamilyMembers");

            migrationBuilder.DropTable(
                name: "StaffingCaps");

            migrationBuilder.DropTable(
                name: "DepartureOrderPersons");

            migrationBuilder.DropTable(
                name: "DepartureOrders");
        }
    }
}
