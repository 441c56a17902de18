using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Annot2_JudgeCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AnnotationRatings_ItemId",
                table: "AnnotationRatings");

            migrationBuilder.AddColumn<string>(
                name: "ModelRequestJson",
                table: "AnnotationAssignments",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationRatings_ItemId_QuestionKey_TurnIndex",
                table: "AnnotationRatings",
                columns: new[] { "ItemId", "QuestionKey", "TurnIndex" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AnnotationRatings_ItemId_QuestionKey_TurnIndex",
                table: "AnnotationRatings");

            migrationBuilder.DropColumn(
                name: "ModelRequestJson",
                table: "AnnotationAssignments");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationRatings_ItemId",
                table: "AnnotationRatings",
                column: "ItemId");
        }
    }
}
