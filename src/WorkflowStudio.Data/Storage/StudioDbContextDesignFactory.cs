using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WorkflowStudio.Data.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without the web app.</summary>
internal sealed class StudioDbContextDesignFactory : IDesignTimeDbContextFactory<StudioDbContext>
{
    public StudioDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StudioDbContext>();
        StudioDbContextOptions.Configure(options, Path.Combine(Path.GetTempPath(), "workflowstudio-design.db"));
        return new StudioDbContext(options.Options);
    }
}
