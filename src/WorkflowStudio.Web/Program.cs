using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Client;
using WorkflowStudio.Studio.Workflows;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Components;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Hosting;
using WorkflowStudio.Web.Hubs;
using WorkflowStudio.Web.Security;
using WorkflowStudio.Web.Designer.Panels.Run;
using WorkflowStudio.Web.Shell;

var builder = WebApplication.CreateBuilder(args);
var paths = builder.AddStudioHosting();

builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    // The code editor hands its whole text back through the circuit: SignalR's 32 KB default closed the circuit, and
    // the designer with its unsaved work, on an edit of a workflow of about a hundred steps. Twice the import limit
    // leaves room for the quotes and line breaks JSON escapes.
    .AddHubOptions(hub => hub.MaximumReceiveMessageSize = WorkflowLibrary.MaxImportChars * 2L + 64 * 1024);
builder.Services.AddRunHub();
builder.Services.AddWorkflowStudio(builder.Configuration, paths);
builder.Services.AddStudioShell();
builder.Services.AddStudioDesigner();
builder.Services.AddRunPanel();
builder.Services.AddStudioSecurity();
builder.Services.AddDeploymentApi(builder.Configuration);
builder.Services.AddApiProblems();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseStudioSecurity();
app.UseDeploymentApi();
app.UseApiProblems();
app.UseAntiforgery();

// The sign-in page needs its styles and scripts before anyone is signed in; nothing in them is private.
app.MapStaticAssets().AllowAnonymous();
// The security headers already forbid framing ('frame-ancestors' in the CSP); one policy header, not two.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
app.MapHub<RunHub>(RunHubContract.Path);
app.MapWorkflowApi();
app.MapRunApi();
app.MapStudioAccounts();
app.MapAccountApi();
app.MapDeploymentApi();

app.LogStudioAddress();
app.Run();

/// <summary>Entry point type, visible to tests that host the app.</summary>
public partial class Program;
