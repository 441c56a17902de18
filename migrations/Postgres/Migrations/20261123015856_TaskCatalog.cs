using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TaskCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChoiceIndex",
                table: "Turns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ItemKey",
                table: "Turns",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StageKey",
                table: "Turns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StageKey",
                table: "TraceEvents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StimulusSets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemsJson = table.Column<string>(type: "jsonb", nullable: false),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SourceFileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StimulusSets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StimulusSets_Key",
                table: "StimulusSets",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StimulusSets_Kind",
                table: "StimulusSets",
                column: "Kind");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StimulusSets");

            migrationBuilder.DropColumn(
                name: "ChoiceIndex",
                table: "Turns");

            migrationBuilder.DropColumn(
                name: "ItemKey",
                table: "Turns");

            migrationBuilder.DropColumn(
                name: "StageKey",
                table: "Turns");

            migrationBuilder.DropColumn(
                name: "StageKey",
                table: "TraceEvents");
        }
    }
}
