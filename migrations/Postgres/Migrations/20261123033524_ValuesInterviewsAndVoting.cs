using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CanonicalDecision",
                table: "ValuesCards",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ChatId",
                table: "ValuesCards",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosestValueId",
                table: "ValuesCards",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SessionId",
                table: "ValuesCards",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Similarity",
                table: "ValuesCards",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InterviewChats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    StageKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    QuestionText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PromptVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PromptSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DrafterPromptSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UsesFallback = table.Column<bool>(type: "boolean", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CardJson = table.Column<string>(type: "jsonb", nullable: true),
                    CardProblemsJson = table.Column<string>(type: "jsonb", nullable: true),
                    Drafts = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromValueId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ToValueId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Context = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Story = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Model = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PromptHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Edited = table.Column<bool>(type: "boolean", nullable: false),
                    Impressions = table.Column<int>(type: "integer", nullable: false)
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
                name: "IX_WiserHypotheses_StudyId_QuestionId_FromValueId_ToValueId_Co~",
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
