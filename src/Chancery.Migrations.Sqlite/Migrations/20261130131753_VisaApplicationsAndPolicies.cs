using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VisaApplicationsAndPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReplacesVisaId",
                table: "Visas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HostPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivingStateCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    SendingStateCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    InForceFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InForceUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MaxVisaValidityDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ReapplyAfterYears = table.Column<int>(type: "INTEGER", nullable: true),
                    RenewalLeadDays = table.Column<int>(type: "INTEGER", nullable: true),
                    GraceDays = table.Column<int>(type: "INTEGER", nullable: true),
                    FamilyVisasEndWithPrincipal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostPolicies", x => x.Id);
                    table.CheckConstraint("CK_HostPolicies_InForceRange", "\"InForceUntil\" IS NULL OR \"InForceUntil\" >= \"InForceFrom\"");
                    table.ForeignKey(
                        name: "FK_HostPolicies_States_ReceivingStateCode",
                        column: x => x.ReceivingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HostPolicies_States_SendingStateCode",
                        column: x => x.SendingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VisaApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    IssuingStateCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ResultingVisaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReplacesVisaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisaApplications", x => x.Id);
                    table.CheckConstraint("CK_VisaApplications_DecidedAfterFiled", "\"DecidedOn\" IS NULL OR \"DecidedOn\" >= \"FiledOn\"");
                    table.ForeignKey(
                        name: "FK_VisaApplications_People_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisaApplications_States_IssuingStateCode",
                        column: x => x.IssuingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisaApplications_Visas_ReplacesVisaId",
                        column: x => x.ReplacesVisaId,
                        principalTable: "Visas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisaApplications_Visas_ResultingVisaId",
                        column: x => x.ResultingVisaId,
                        principalTable: "Visas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visas_ReplacesVisaId",
                table: "Visas",
                column: "ReplacesVisaId");

            migrationBuilder.CreateIndex(
                name: "IX_HostPolicies_ReceivingStateCode_SendingStateCode_InForceFrom",
                table: "HostPolicies",
                columns: new[] { "ReceivingStateCode", "SendingStateCode", "InForceFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_HostPolicies_SendingStateCode",
                table: "HostPolicies",
                column: "SendingStateCode");

            migrationBuilder.CreateIndex(
                name: "IX_VisaApplications_ApplicantId_FiledOn",
                table: "VisaApplications",
                columns: new[] { "ApplicantId", "FiledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VisaApplications_IssuingStateCode_FiledOn",
                table: "VisaApplications",
                columns: new[] { "IssuingStateCode", "FiledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VisaApplications_Outcome",
                table: "VisaApplications",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_VisaApplications_ReplacesVisaId",
                table: "VisaApplications",
                column: "ReplacesVisaId");

            migrationBuilder.CreateIndex(
                name: "IX_VisaApplications_ResultingVisaId",
                table: "VisaApplications",
                column: "ResultingVisaId");

            migrationBuilder.AddForeignKey(
                name: "FK_Visas_Visas_ReplacesVisaId",
                table: "Visas",
                column: "ReplacesVisaId",
                principalTable: "Visas",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Visas_Visas_ReplacesVisaId",
                table: "Visas");

            migrationBuilder.DropTable(
                name: "HostPolicies");

            migrationBuilder.DropTable(
                name: "VisaApplications");

            migrationBuilder.DropIndex(
                name: "IX_Visas_ReplacesVisaId",
                table: "Visas");

            migrationBuilder.DropColumn(
                name: "ReplacesVisaId",
                table: "Visas");
        }
    }
}
