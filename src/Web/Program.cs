using InteractionLab.Api.Annotation;
using InteractionLab.Api.Annotation.Endpoints;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Api.Hosting;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Studies;
using InteractionLab.Api.Tasks;
using InteractionLab.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformData();
builder.AddPlatformProblems();
builder.AddLanguageModels();
builder.AddModelRegistry();
builder.AddLocalModels();
builder.AddParticipantSessions();
builder.AddTaskCatalog();
builder.AddStaff();
builder.AddStudyBuilder();
builder.AddMonitoring();
builder.AddStudyResults();
builder.AddExportApi();
builder.AddMoralGraph();
builder.AddAnnotation();
builder.AddParticipantUi();

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (await app.RunCommandAsync(args)) return;
app.MapPlatform();
app.MapStaffAccounts();
app.MapRegistryApi();
app.MapAnnotationApi();
app.MapApiReference();
app.MapParticipantUi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
