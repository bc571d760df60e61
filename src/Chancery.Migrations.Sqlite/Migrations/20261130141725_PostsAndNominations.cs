using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PostsAndNominations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PostId",
                table: "Assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Posts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    EstablishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AbolishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Posts", x => x.Id);
                    table.CheckConstraint("CK_Posts_AbolishedAfterEstablished", "\"AbolishedOn\" IS NULL OR \"AbolishedOn\" >= \"EstablishedOn\"");
                    table.ForeignKey(
                        name: "FK_Posts_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Nominations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NomineeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NominatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VisaApplicationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpectedArrivalOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nominations", x => x.Id);
                    table.CheckConstraint("CK_Nominations_ArrivalAfterNomination", "\"ExpectedArrivalOn\" IS NULL OR \"ExpectedArrivalOn\" >= \"NominatedOn\"");
                    table.ForeignKey(
                        name: "FK_Nominations_People_NomineeId",
                        column: x => x.NomineeId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Nominations_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Nominations_VisaApplications_VisaApplicationId",
                        column: x => x.VisaApplicationId,
                        principalTable: "VisaApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_PostId",
                table: "Assignments",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_NomineeId",
                table: "Nominations",
                column: "NomineeId");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_PostId",
                table: "Nominations",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_VisaApplicationId",
                table: "Nominations",
                column: "VisaApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_MissionId",
                table: "Posts",
                column: "MissionId");

            migrationBuilder.AddForeignKey(
                name: "FK_Assignments_Posts_PostId",
                table: "Assignments",
                column: "PostId",
                principalTable: "Posts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assignments_Posts_PostId",
                table: "Assignments");

            migrationBuilder.DropTable(
                name: "Nominations");

            migrationBuilder.DropTable(
                name: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_PostId",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "PostId",
                table: "Assignments");
        }
    }
}
