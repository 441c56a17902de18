using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class W_Trace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TransactionId",
                table: "Turns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "ClientInstance",
                table: "TraceEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClientSequence",
                table: "TraceEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalPayload",
                table: "TraceEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayloadIssue",
                table: "TraceEvents",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransactionId",
                table: "TraceEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "TransactionId",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "SessionCounters",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientEvents = table.Column<long>(type: "INTEGER", nullable: false),
                    ServerEvents = table.Column<long>(type: "INTEGER", nullable: false),
                    Turns = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionCounters", x => x.SessionId);
                    table.ForeignKey(
                        name: "FK_SessionCounters_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TraceEvents_SessionId_ClientInstance_ClientSequence",
                table: "TraceEvents",
                columns: new[] { "SessionId", "ClientInstance", "ClientSequence" },
                unique: true,
                filter: "\"ClientInstance\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionCounters");

            migrationBuilder.DropIndex(
                name: "IX_TraceEvents_SessionId_ClientInstance_ClientSequence",
                table: "TraceEvents");

            migrationBuilder.DropColumn(
                name: "TransactionId",
                table: "Turns");

            migrationBuilder.DropColumn(
                name: "ClientInstance",
                table: "TraceEvents");

            migrationBuilder.DropColumn(
                name: "ClientSequence",
                table: "TraceEvents");

            migrationBuilder.DropColumn(
                name: "OriginalPayload",
                table: "TraceEvents");

            migrationBuilder.DropColumn(
                name: "PayloadIssue",
                table: "TraceEvents");

            migrationBuilder.DropColumn(
                name: "TransactionId",
                table: "TraceEvents");

            migrationBuilder.DropColumn(
                name: "TransactionId",
                table: "SurveyResponses");
        }
    }
}
