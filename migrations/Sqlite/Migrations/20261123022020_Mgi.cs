using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Mgi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ValuesCards_StudyId_ValueId",
                table: "ValuesCards");

            migrationBuilder.AddColumn<string>(
                name: "CanonicalDecision",
                table: "ValuesCards",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ChatId",
                table: "ValuesCards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosestValueId",
                table: "ValuesCards",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SessionId",
                table: "ValuesCards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Similarity",
                table: "ValuesCards",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InterviewChats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QuestionText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PromptVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PromptSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DrafterPromptSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UsesFallback = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CardJson = table.Column<string>(type: "TEXT", nullable: true),
                    CardProblemsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Drafts = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewChats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterviewChats_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ValuesCards_ChatId",
                table: "ValuesCards",
                column: "ChatId");

            migrationBuilder.CreateIndex(
                name: "IX_ValuesCards_StudyId_ValueId",
                table: "ValuesCards",
                columns: new[] { "StudyId", "ValueId" });

            migrationBuilder.CreateIndex(
                name: "IX_InterviewChats_SessionId_StageKey",
                table: "InterviewChats",
                columns: new[] { "SessionId", "StageKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InterviewChats");

            migrationBuilder.DropIndex(
                name: "IX_ValuesCards_ChatId",
                table: "ValuesCards");

            migrationBuilder.DropIndex(
                name: "IX_ValuesCards_StudyId_ValueId",
                table: "ValuesCards");

            migrationBuilder.DropColumn(
                name: "CanonicalDecision",
                table: "ValuesCards");

            migrationBuilder.DropColumn(
                name: "ChatId",
                table: "ValuesCards");

            migrationBuilder.DropColumn(
                name: "ClosestValueId",
                table: "ValuesCards");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "ValuesCards");

            migrationBuilder.DropColumn(
                name: "Similarity",
                table: "ValuesCards");

            migrationBuilder.CreateIndex(
                name: "IX_ValuesCards_StudyId_ValueId",
                table: "ValuesCards",
                columns: new[] { "StudyId", "ValueId" },
                unique: true);
        }
    }
}
