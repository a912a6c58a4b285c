using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowStudio.Data.Migrations.Identity
{
    /// <inheritdoc />
    public partial class ProviderSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProviderSecrets",
                columns: table => new
                {
                    Provider = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Protected = table.Column<string>(type: "TEXT", nullable: false),
                    Ending = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderSecrets", x => x.Provider);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProviderSecrets");
        }
    }
}
