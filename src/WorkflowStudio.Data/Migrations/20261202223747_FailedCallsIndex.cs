using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class FailedCallsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ModelCalls_Failed",
                table: "ModelCalls",
                column: "AtMs",
                filter: "ErrorCode IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ModelCalls_Failed",
                table: "ModelCalls");
        }
    }
}
