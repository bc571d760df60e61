using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chancery.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visas_IssuingStateCode",
                table: "Visas");

            migrationBuilder.DropIndex(
                name: "IX_Visas_ValidUntil",
                table: "Visas");

            migrationBuilder.CreateIndex(
                name: "IX_Visas_IssuingStateCode_ValidUntil_Id",
                table: "Visas",
                columns: new[] { "IssuingStateCode", "ValidUntil", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Visas_ValidFrom",
                table: "Visas",
                column: "ValidFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Visas_ValidUntil_Id",
                table: "Visas",
                columns: new[] { "ValidUntil", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_VisaApplications_DecidedOn_Id",
                table: "VisaApplications",
                columns: new[] { "DecidedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_VisaApplications_FiledOn_Id",
                table: "VisaApplications",
                columns: new[] { "FiledOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_People_DateOfBirth",
                table: "People",
                column: "DateOfBirth");

            migrationBuilder.CreateIndex(
                name: "IX_Missions_City_Id",
                table: "Missions",
                columns: new[] { "City", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Missions_ReceivingStateCode_City",
                table: "Missions",
                columns: new[] { "ReceivingStateCode", "City" });

            migrationBuilder.CreateIndex(
                name: "IX_Missions_SendingStateCode_City",
                table: "Missions",
                columns: new[] { "SendingStateCode", "City" });

            migrationBuilder.CreateIndex(
                name: "IX_FamilyMembers_StartOn_Id",
                table: "FamilyMembers",
                columns: new[] { "StartOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_PersonId",
                table: "Assignments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_StartOn_Id",
                table: "Assignments",
                columns: new[] { "StartOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visas_IssuingStateCode_ValidUntil_Id",
                table: "Visas");

            migrationBuilder.DropIndex(
                name: "IX_Visas_ValidFrom",
                table: "Visas");

            migrationBuilder.DropIndex(
                name: "IX_Visas_ValidUntil_Id",
                table: "Visas");

            migrationBuilder.DropIndex(
                name: "IX_VisaApplications_DecidedOn_Id",
                table: "VisaApplications");

            migrationBuilder.DropIndex(
                name: "IX_VisaApplications_FiledOn_Id",
                table: "VisaApplications");

            migrationBuilder.DropIndex(
                name: "IX_People_DateOfBirth",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Missions_City_Id",
                table: "Missions");

            migrationBuilder.DropIndex(
                name: "IX_Missions_ReceivingStateCode_City",
                table: "Missions");

            migrationBuilder.DropIndex(
                name: "IX_Missions_SendingStateCode_City",
                table: "Missions");

            migrationBuilder.DropIndex(
                name: "IX_FamilyMembers_StartOn_Id",
                table: "FamilyMembers");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_PersonId",
                table: "Assignments");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_StartOn_Id",
                table: "Assignments");

            migrationBuilder.CreateIndex(
                name: "IX_Visas_IssuingStateCode",
                table: "Visas",
                column: "IssuingStateCode");

            migrationBuilder.CreateIndex(
                name: "IX_Visas_ValidUntil",
                table: "Visas",
                column: "ValidUntil");
        }
    }
}
