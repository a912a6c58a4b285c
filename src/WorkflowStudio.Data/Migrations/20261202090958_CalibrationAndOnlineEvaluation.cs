using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalibrationAndOnlineEvaluation : Migration
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

            migrationBuilder.CreateTable(
                name: "OnlineScorerSettings",
                columns: table => new
                {
                    WorkflowId = table.Column<string>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ScorersJson = table.Column<string>(type: "TEXT", nullable: false),
                    SampleRate = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineScorerSettings", x => new { x.WorkflowId, x.Tag });
                    table.ForeignKey(
                        name: "FK_OnlineScorerSettings_Workflows_WorkflowId",
                        column: x => x.WorkflowId,
                        principalTable: "Workflows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OnlineScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<string>(type: "TEXT", nullable: false),
                    WorkflowId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", nullable: false),
                    Scorer = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnlineScores_Workflows_WorkflowId",
                        column: x => x.WorkflowId,
                        principalTable: "Workflows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineScores_RunId",
                table: "OnlineScores",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_OnlineScores_ScoredAt",
                table: "OnlineScores",
                column: "ScoredAt");

            migrationBuilder.CreateIndex(
                name: "IX_OnlineScores_WorkflowId_Tag_ScoredAt",
                table: "OnlineScores",
                columns: new[] { "WorkflowId", "Tag", "ScoredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibrationLabels");

            migrationBuilder.DropTable(
                name: "OnlineScorerSettings");

            migrationBuilder.DropTable(
                name: "OnlineScores");
        }
    }
}
