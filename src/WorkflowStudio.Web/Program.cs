using WorkflowStudio.AI;
using WorkflowStudio.Data;
using WorkflowStudio.Web.Components;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Hosting;
using WorkflowStudio.Web.Runs;
using WorkflowStudio.Web.RunView;
using WorkflowStudio.Web.Shell;
using WorkflowStudio.Web.Versions;
using WorkflowStudio.Web.Workflows;

var builder = WebApplication.CreateBuilder(args);
var paths = builder.AddStudioHosting();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddStudioShell();
builder.Services.AddWorkflowAI(builder.Configuration, AppContext.BaseDirectory);
builder.Services.AddStudioData(Path.Combine(paths.DataDirectory, "studio.db"));
builder.Services.AddRuns();
builder.Services.AddStudioWorkflows();
builder.Services.AddStudioDesigner();
builder.Services.AddRunView();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapRuns();
app.MapVersions();

app.LogStudioAddress();
app.Run();

/// <summary>Entry point type, visible to tests that host the app.</summary>
public partial class Program;
