using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ValuesCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValueId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    PoliciesJson = table.Column<string>(type: "TEXT", nullable: false),
                    AuthorParticipantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorPseudonym = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromValueId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ToValueId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Choice = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    VoterKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Batch = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CastAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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
