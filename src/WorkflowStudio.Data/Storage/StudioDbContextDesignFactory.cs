using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WorkflowStudio.Data.Storage;

/// <summary>
/// Lets `dotnet ef migrations add` and `dotnet ef dbcontext optimize` build the context without the web app. It builds
/// the model from the entity configuration, never the compiled model in Storage/CompiledModel, which is made from it.
/// </summary>
internal sealed class StudioDbContextDesignFactory : IDesignTimeDbContextFactory<StudioDbContext>
{
    public StudioDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StudioDbContext>();
        StudioDbContextOptions.Configure(options, Path.Combine(Path.GetTempPath(), "workflowstudio-design.db"));
        return new StudioDbContext(options.Options);
    }
}
