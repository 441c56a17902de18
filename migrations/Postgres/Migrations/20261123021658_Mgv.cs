using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
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
                type: "bigint",
                nullable: true);

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
