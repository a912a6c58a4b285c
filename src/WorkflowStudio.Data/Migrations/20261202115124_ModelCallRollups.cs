using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelCallRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RolledUp",
                table: "ModelCalls",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "RunMarks",
                table: "ModelCalls",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ModelCallRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WidthMs = table.Column<long>(type: "INTEGER", nullable: false),
                    StartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    WorkflowId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", nullable: false),
                    StepId = table.Column<string>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ErrorCode = table.Column<string>(type: "TEXT", nullable: false),
                    Calls = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedCalls = table.Column<int>(type: "INTEGER", nullable: false),
                    CacheHits = table.Column<int>(type: "INTEGER", nullable: false),
                    Runs = table.Column<int>(type: "INTEGER", nullable: false),
                    StepRuns = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelRuns = table.Column<int>(type: "INTEGER", nullable: false),
                    StepModelRuns = table.Column<int>(type: "INTEGER", nullable: false),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", nullable: false),
                    MaxLatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    LastAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    Latencies = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelCallRollups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelCalls_NotRolledUp",
                table: "ModelCalls",
                column: "Id",
                filter: "RolledUp = 0");

            migrationBuilder.CreateIndex(
                name: "IX_ModelCallRollups_WidthMs_StartMs_WorkflowId_Version_Tag_StepId_Model_ErrorCode",
                table: "ModelCallRollups",
                columns: new[] { "WidthMs", "StartMs", "WorkflowId", "Version", "Tag", "StepId", "Model", "ErrorCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelCallRollups");

            migrationBuilder.DropIndex(
                name: "IX_ModelCalls_NotRolledUp",
                table: "ModelCalls");

            migrationBuilder.DropColumn(
                name: "RolledUp",
                table: "ModelCalls");

            migrationBuilder.DropColumn(
                name: "RunMarks",
                table: "ModelCalls");
        }
    }
}
