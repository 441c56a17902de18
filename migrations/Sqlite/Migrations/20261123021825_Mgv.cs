using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Mgv : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HypothesisId",
                table: "WiserVotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WiserHypotheses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromValueId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ToValueId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Story = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PromptHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Edited = table.Column<bool>(type: "INTEGER", nullable: false),
                    Impressions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WiserHypotheses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WiserHypotheses_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WiserVotes_StudyId_VoterKey_HypothesisId",
                table: "WiserVotes",
                columns: new[] { "StudyId", "VoterKey", "HypothesisId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WiserHypotheses_StudyId_QuestionId_FromValueId_ToValueId_Context",
                table: "WiserHypotheses",
                columns: new[] { "StudyId", "QuestionId", "FromValueId", "ToValueId", "Context" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WiserHypotheses_StudyId_Status",
                table: "WiserHypotheses",
                columns: new[] { "StudyId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WiserHypotheses");

            migrationBuilder.DropIndex(
                name: "IX_WiserVotes_StudyId_VoterKey_HypothesisId",
                table: "WiserVotes");

            migrationBuilder.DropColumn(
                name: "HypothesisId",
                table: "WiserVotes");
        }
    }
}
