using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportsAndMoralGraph : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImportSource",
                table: "Sessions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ValuesCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ValueId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    PoliciesJson = table.Column<string>(type: "jsonb", nullable: false),
                    AuthorParticipantId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorPseudonym = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    QuestionId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValuesCards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ValuesCards_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WiserVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromValueId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ToValueId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Context = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Choice = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    VoterKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Batch = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WiserVotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WiserVotes_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ValuesCards_StudyId_QuestionId",
                table: "ValuesCards",
                columns: new[] { "StudyId", "QuestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ValuesCards_StudyId_ValueId",
                table: "ValuesCards",
                columns: new[] { "StudyId", "ValueId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WiserVotes_StudyId_Context",
                table: "WiserVotes",
                columns: new[] { "StudyId", "Context" });

            migrationBuilder.CreateIndex(
                name: "IX_WiserVotes_StudyId_QuestionId_CastAt",
                table: "WiserVotes",
                columns: new[] { "StudyId", "QuestionId", "CastAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ValuesCards");

            migrationBuilder.DropTable(
                name: "WiserVotes");

            migrationBuilder.DropColumn(
                name: "ImportSource",
                table: "Sessions");
        }
    }
}
