using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Api.Hosting;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Protection;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Studies;
using InteractionLab.Api.Tasks;
using InteractionLab.Web.Hosting;

if (await HealthCheckCommand.TryRunAsync(args)) return;
var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformData();
builder.AddPlatformProblems();
builder.AddPlatformProtection();
builder.AddBackgroundJobs();
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
builder.AddParticipantUi();
builder.AddTelemetry();

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (await app.RunCommandAsync(args)) return;
app.MapPlatform();
app.MapStaffAccounts();
app.MapRegistryApi();
app.MapApiReference();
app.MapParticipantUi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
