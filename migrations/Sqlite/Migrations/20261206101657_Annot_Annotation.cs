using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InteractionLab.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Annot_Annotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnnotationProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ConfigJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationProjects_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnotationItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TurnIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    ArtifactKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ConfigHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    RedactionsJson = table.Column<string>(type: "TEXT", nullable: true),
                    ExpectedJson = table.Column<string>(type: "TEXT", nullable: true),
                    Submitted = table.Column<int>(type: "INTEGER", nullable: false),
                    Taken = table.Column<int>(type: "INTEGER", nullable: false),
                    QueueRank = table.Column<int>(type: "INTEGER", nullable: true),
                    Shuffle = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationItems_AnnotationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "AnnotationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Annotators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ExternalWorkerId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ExternalStudyId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ExternalSessionId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    JudgeSeed = table.Column<int>(type: "INTEGER", nullable: true),
                    JudgePromptHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Served = table.Column<int>(type: "INTEGER", nullable: false),
                    Qualified = table.Column<bool>(type: "INTEGER", nullable: true),
                    Excluded = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExclusionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ExcludedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletionCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Annotators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Annotators_AnnotationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "AnnotationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnotationAdjudications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TurnIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    Value = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationAdjudications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationAdjudications_AnnotationItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "AnnotationItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnotationAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnotatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SidesSwapped = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeasedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Seconds = table.Column<double>(type: "REAL", nullable: true),
                    DraftJson = table.Column<string>(type: "TEXT", nullable: true),
                    SkipReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Flagged = table.Column<bool>(type: "INTEGER", nullable: false),
                    FlagNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    GoldScore = table.Column<double>(type: "REAL", nullable: true),
                    ProjectConfigHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ModelAnswer = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationAssignments_AnnotationItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "AnnotationItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AnnotationAssignments_Annotators_AnnotatorId",
                        column: x => x.AnnotatorId,
                        principalTable: "Annotators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnotationRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnotatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TurnIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    Value = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationRatings_AnnotationAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "AnnotationAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationAdjudications_ItemId_QuestionKey_TurnIndex",
                table: "AnnotationAdjudications",
                columns: new[] { "ItemId", "QuestionKey", "TurnIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationAdjudications_ProjectId_Id",
                table: "AnnotationAdjudications",
                columns: new[] { "ProjectId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationAssignments_AnnotatorId_Status",
                table: "AnnotationAssignments",
                columns: new[] { "AnnotatorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationAssignments_ItemId_AnnotatorId",
                table: "AnnotationAssignments",
                columns: new[] { "ItemId", "AnnotatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationAssignments_ProjectId_Status_LeaseExpiresAt",
                table: "AnnotationAssignments",
                columns: new[] { "ProjectId", "Status", "LeaseExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationItems_ProjectId_QueueRank_Shuffle",
                table: "AnnotationItems",
                columns: new[] { "ProjectId", "QueueRank", "Shuffle" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationItems_ProjectId_Role_Shuffle",
                table: "AnnotationItems",
                columns: new[] { "ProjectId", "Role", "Shuffle" });

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationItems_ProjectId_SourceKey",
                table: "AnnotationItems",
                columns: new[] { "ProjectId", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationItems_PublicId",
                table: "AnnotationItems",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationItems_SessionId",
                table: "AnnotationItems",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationProjects_Slug",
                table: "AnnotationProjects",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationProjects_StudyId",
                table: "AnnotationProjects",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationRatings_AssignmentId",
                table: "AnnotationRatings",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationRatings_ItemId",
                table: "AnnotationRatings",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationRatings_ProjectId_Id",
                table: "AnnotationRatings",
                columns: new[] { "ProjectId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Annotators_ProjectId_Model",
                table: "Annotators",
                columns: new[] { "ProjectId", "Model" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Annotators_ProjectId_Source_ExternalWorkerId",
                table: "Annotators",
                columns: new[] { "ProjectId", "Source", "ExternalWorkerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Annotators_ProjectId_StaffUserId",
                table: "Annotators",
                columns: new[] { "ProjectId", "StaffUserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnotationAdjudications");

            migrationBuilder.DropTable(
                name: "AnnotationRatings");

            migrationBuilder.DropTable(
                name: "AnnotationAssignments");

            migrationBuilder.DropTable(
                name: "AnnotationItems");

            migrationBuilder.DropTable(
                name: "Annotators");

            migrationBuilder.DropTable(
                name: "AnnotationProjects");
        }
    }
}
