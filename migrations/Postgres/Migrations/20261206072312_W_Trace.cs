using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Postgres.Migrations
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
                type: "bigint",
                nullable: false,
                defaultValueSql: "(pg_current_xact_id()::text)::bigint");

            migrationBuilder.AddColumn<Guid>(
                name: "ClientInstance",
                table: "TraceEvents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClientSequence",
                table: "TraceEvents",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalPayload",
                table: "TraceEvents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayloadIssue",
                table: "TraceEvents",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransactionId",
                table: "TraceEvents",
                type: "bigint",
                nullable: false,
                defaultValueSql: "(pg_current_xact_id()::text)::bigint");

            migrationBuilder.AddColumn<long>(
                name: "TransactionId",
                table: "SurveyResponses",
                type: "bigint",
                nullable: false,
                defaultValueSql: "(pg_current_xact_id()::text)::bigint");

            migrationBuilder.CreateTable(
                name: "SessionCounters",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientEvents = table.Column<long>(type: "bigint", nullable: false),
                    ServerEvents = table.Column<long>(type: "bigint", nullable: false),
                    Turns = table.Column<int>(type: "integer", nullable: false)
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
                name: "IX_Turns_TransactionId",
                table: "Turns",
                column: "TransactionId")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "IX_TraceEvents_SessionId_ClientInstance_ClientSequence",
                table: "TraceEvents",
                columns: new[] { "SessionId", "ClientInstance", "ClientSequence" },
                unique: true,
                filter: "\"ClientInstance\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TraceEvents_TransactionId",
                table: "TraceEvents",
                column: "TransactionId")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_TransactionId",
                table: "SurveyResponses",
                column: "TransactionId")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionCounters");

            migrationBuilder.DropIndex(
                name: "IX_Turns_TransactionId",
                table: "Turns");

            migrationBuilder.DropIndex(
                name: "IX_TraceEvents_SessionId_ClientInstance_ClientSequence",
                table: "TraceEvents");

            migrationBuilder.DropIndex(
                name: "IX_TraceEvents_TransactionId",
                table: "TraceEvents");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_TransactionId",
                table: "SurveyResponses");

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
