using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RecordedReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContextDroppedTurns",
                table: "Turns",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Turns_FinishReason",
                table: "Turns",
                column: "FinishReason");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Turns_FinishReason",
                table: "Turns");

            migrationBuilder.DropColumn(
                name: "ContextDroppedTurns",
                table: "Turns");
        }
    }
}
