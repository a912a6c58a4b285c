using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class Resilience : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CacheResponses",
                table: "TagSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "FallbackModel",
                table: "TagSettings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Retries",
                table: "TagSettings",
                type: "INTEGER",
                nullable: false,
                // Tags set before this migration get TagResilience.Default, like a tag set after it.
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "RetryDelayMs",
                table: "TagSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 500);

            migrationBuilder.AddColumn<double>(
                name: "TimeoutSeconds",
                table: "TagSettings",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FallbackFrom",
                table: "ModelCalls",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ResponseCache",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    SlidingMs = table.Column<long>(type: "INTEGER", nullable: true),
                    AbsoluteExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseCache", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseCache_ExpiresAtMs",
                table: "ResponseCache",
                column: "ExpiresAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResponseCache");

            migrationBuilder.DropColumn(
                name: "CacheResponses",
                table: "TagSettings");

            migrationBuilder.DropColumn(
                name: "FallbackModel",
                table: "TagSettings");

            migrationBuilder.DropColumn(
                name: "Retries",
                table: "TagSettings");

            migrationBuilder.DropColumn(
                name: "RetryDelayMs",
                table: "TagSettings");

            migrationBuilder.DropColumn(
                name: "TimeoutSeconds",
                table: "TagSettings");

            migrationBuilder.DropColumn(
                name: "FallbackFrom",
                table: "ModelCalls");
        }
    }
}
