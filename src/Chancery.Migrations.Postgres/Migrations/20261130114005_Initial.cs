using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "States",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Alpha3 = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Numeric = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OfficialName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NameRu = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_States", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Missions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SendingStateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ReceivingStateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Missions", x => x.Id);
                    table.CheckConstraint("CK_Missions_States_Differ", "\"SendingStateCode\" <> \"ReceivingStateCode\"");
                    table.ForeignKey(
                        name: "FK_Missions_States_ReceivingStateCode",
                        column: x => x.ReceivingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Missions_States_SendingStateCode",
                        column: x => x.SendingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    GivenNames = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FamilyNameLatin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GivenNamesLatin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    NationalityCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Gender = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PassportNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PassportType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PassportIssuingStateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    PassportExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SearchKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                    table.ForeignKey(
                        name: "FK_People_States_NationalityCode",
                        column: x => x.NationalityCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_People_States_PassportIssuingStateCode",
                        column: x => x.PassportIssuingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    MissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Rank = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NotifiedArrivalOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PlannedEndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assignments_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assignments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Visas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HolderId = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuingStateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Entries = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EntriesUsed = table.Column<int>(type: "integer", nullable: false),
                    CancelledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visas", x => x.Id);
                    table.CheckConstraint("CK_Visas_ValidRange", "\"ValidUntil\" >= \"ValidFrom\"");
                    table.ForeignKey(
                        name: "FK_Visas_People_HolderId",
                        column: x => x.HolderId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Visas_States_IssuingStateCode",
                        column: x => x.IssuingStateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FamilyMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PrincipalAssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relationship = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FamilyMembers_Assignments_PrincipalAssignmentId",
                        column: x => x.PrincipalAssignmentId,
                        principalTable: "Assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FamilyMembers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_MissionId_EndedOn",
                table: "Assignments",
                columns: new[] { "MissionId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_OneOpenPerMission",
                table: "Assignments",
                columns: new[] { "PersonId", "MissionId" },
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyMembers_PersonId_PrincipalAssignmentId",
                table: "FamilyMembers",
                columns: new[] { "PersonId", "PrincipalAssignmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FamilyMembers_PrincipalAssignmentId",
                table: "FamilyMembers",
                column: "PrincipalAssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Missions_ReceivingStateCode_SendingStateCode",
                table: "Missions",
                columns: new[] { "ReceivingStateCode", "SendingStateCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Missions_SendingStateCode_ReceivingStateCode_City_Kind",
                table: "Missions",
                columns: new[] { "SendingStateCode", "ReceivingStateCode", "City", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_People_FamilyNameLatin",
                table: "People",
                column: "FamilyNameLatin");

            migrationBuilder.CreateIndex(
                name: "IX_People_NationalityCode",
                table: "People",
                column: "NationalityCode");

            migrationBuilder.CreateIndex(
                name: "IX_People_PassportIssuingStateCode_PassportNumber",
                table: "People",
                columns: new[] { "PassportIssuingStateCode", "PassportNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Visas_HolderId_ValidUntil",
                table: "Visas",
                columns: new[] { "HolderId", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Visas_IssuingStateCode",
                table: "Visas",
                column: "IssuingStateCode");

            migrationBuilder.CreateIndex(
                name: "IX_Visas_ValidUntil",
                table: "Visas",
                column: "ValidUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FamilyMembers");

            migrationBuilder.DropTable(
                name: "Visas");

            migrationBuilder.DropTable(
                name: "Assignments");

            migrationBuilder.DropTable(
                name: "Missions");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "States");
        }
    }
}
