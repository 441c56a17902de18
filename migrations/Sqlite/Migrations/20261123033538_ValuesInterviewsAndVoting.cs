using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ValuesInterviewsAndVoting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ValuesCards_StudyId_ValueId",
                table: "ValuesCards");

            migrationBuilder.AddColumn<long>(
                name: "HypothesisId",
                table: "WiserVotes",
                type: "INTEGER",
                nullable: true);

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
                name: "InterviewChats");

            migrationBuilder.DropTable(
                name: "WiserHypotheses");

            migrationBuilder.DropIndex(
                name: "IX_WiserVotes_StudyId_VoterKey_HypothesisId",
                table: "WiserVotes");

            migrationBuilder.DropIndex(
                name: "IX_ValuesCards_ChatId",
                table: "ValuesCards");

            migrationBuilder.DropIndex(
                name: "IX_ValuesCards_StudyId_ValueId",
                table: "ValuesCards");

            migrationBuilder.DropColumn(
                name: "HypothesisId",
                table: "WiserVotes");

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
