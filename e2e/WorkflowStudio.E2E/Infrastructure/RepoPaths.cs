using System.Reflection;
using WorkflowStudio.Testing;

namespace WorkflowStudio.E2E.Infrastructure;

/// <summary>Finds the repository and the Web app's build output from wherever the test assembly runs.</summary>
public static class RepoPaths
{
    public static string Root => RepositoryPaths.Root;

    /// <summary>
    /// Journeys always take their screenshots, but write them into docs/ only when asked
    /// (STUDIO_UPDATE_SCREENSHOTS=1), so an ordinary test run leaves the work tree as it was.
    /// </summary>
    public static string Screenshots => Environment.GetEnvironmentVariable("STUDIO_UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(Root, "docs", "screenshots")
        : Path.Combine(Root, "e2e-artifacts", "screenshots");

    /// <summary>The Web build made with the same configuration as this test assembly (it is a project reference, so it is built first).</summary>
    public static string WebAssembly
    {
        get
        {
            var configuration = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "Configuration").Value!;
            var path = Path.Combine(Root, "src", "WorkflowStudio.Web", "bin", configuration, "net10.0", "WorkflowStudio.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The Web app is not built at {path}; build the solution first.", path);
        }
    }
}
