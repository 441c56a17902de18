using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
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
