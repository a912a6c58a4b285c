using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExperimentId",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Variant",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ExperimentId",
                table: "Evaluations",
                column: "ExperimentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evaluations_ExperimentId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ExperimentId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Variant",
                table: "Evaluations");
        }
    }
}
