using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class Calibration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalibrationLabels",
                columns: table => new
                {
                    EvaluationId = table.Column<string>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Repeat = table.Column<int>(type: "INTEGER", nullable: false),
                    Scorer = table.Column<string>(type: "TEXT", nullable: false),
                    Labeller = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabelledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationLabels", x => new { x.EvaluationId, x.Ordinal, x.Repeat, x.Scorer, x.Labeller });
                    table.ForeignKey(
                        name: "FK_CalibrationLabels_EvaluationScores_EvaluationId_Ordinal_Repeat_Scorer",
                        columns: x => new { x.EvaluationId, x.Ordinal, x.Repeat, x.Scorer },
                        principalTable: "EvaluationScores",
                        principalColumns: new[] { "EvaluationId", "Ordinal", "Repeat", "Scorer" },
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibrationLabels");
        }
    }
}
