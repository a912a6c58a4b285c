using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace WorkflowStudio.Studio.Tests;

/// <summary>
/// The rules docs/architecture.md draws, read from the sources: which project may reference which, that the
/// application layer stays free of ASP.NET, that Web reaches storage only through it, and that no folder of Web
/// depends on a folder that depends back on it.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    /// <summary>Each project and the projects it may reference; a reference not listed here breaks the layering.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["WorkflowStudio.Core"] = [],
        ["WorkflowStudio.CodeSync"] = ["WorkflowStudio.Core"],
        ["WorkflowStudio.AI"] = ["WorkflowStudio.Core"],
        ["WorkflowStudio.Data"] = ["WorkflowStudio.Core"],
        ["WorkflowStudio.Evaluation"] = ["WorkflowStudio.Core", "WorkflowStudio.AI", "WorkflowStudio.Data"],
        ["WorkflowStudio.Studio"] = ["WorkflowStudio.Core", "WorkflowStudio.AI", "WorkflowStudio.CodeSync", "WorkflowStudio.Data", "WorkflowStudio.Evaluation"],
        ["WorkflowStudio.Studio.Client"] = ["WorkflowStudio.Core"],
        ["WorkflowStudio.Web"] = ["WorkflowStudio.Studio", "WorkflowStudio.Studio.Client"],
        ["WorkflowStudio.Cli"] = ["WorkflowStudio.Studio"],
    };

    [Fact]
    public void Every_project_references_only_what_its_layer_allows()
    {
        var projects = Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(projects);
        foreach (var project in projects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            Assert.True(Allowed.TryGetValue(name, out var allowed), $"{name} is not in the architecture; add it to docs/architecture.md and this test.");
            var references = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
            foreach (var reference in references)
                Assert.True(allowed.Contains(reference), $"{name} may not reference {reference}.");
        }
    }

    [Fact]
    public void The_application_layer_has_no_AspNetCore()
    {
        foreach (var name in new[] { "WorkflowStudio.Studio", "WorkflowStudio.Core", "WorkflowStudio.Data", "WorkflowStudio.AI" })
        {
            var project = File.ReadAllText(Path.Combine(Root, "src", name, name + ".csproj"));
            Assert.DoesNotContain("Microsoft.NET.Sdk.Web", project);
            Assert.DoesNotContain("Microsoft.AspNetCore.App", project);
            // Data keeps the sign-in tables and the encrypted provider keys: the Identity stores and Data Protection are plain
            // libraries under that namespace, not the web host.
            Assert.DoesNotContain(SourceFiles(Path.Combine(Root, "src", name)), f => File.ReadAllLines(f)
                .Any(line => line.StartsWith("using Microsoft.AspNetCore", StringComparison.Ordinal)
                             && !(name == "WorkflowStudio.Data" && (line.StartsWith("using Microsoft.AspNetCore.Identity", StringComparison.Ordinal)
                                                           || line.StartsWith("using Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)))));
        }
    }

    [Fact]
    public void Web_reaches_storage_only_through_the_application_layer()
    {
        var web = Path.Combine(Root, "src", "WorkflowStudio.Web");
        foreach (var file in SourceFiles(web))
        {
            var text = File.ReadAllText(file);
            foreach (var store in new[] { "IWorkflowStore", "IRunStore", "IRunEventSink", "StudioDbContext", "StudioDatabase" })
                Assert.False(Regex.IsMatch(text, $@"\b{store}\b"), $"{Path.GetRelativePath(web, file)} uses {store}; call a service of WorkflowStudio.Studio instead.");
        }
    }

    [Fact]
    public void No_folder_of_Web_depends_on_a_folder_that_depends_back_on_it()
    {
        var web = Path.Combine(Root, "src", "WorkflowStudio.Web");
        var files = SourceFiles(web).Where(f => Path.GetDirectoryName(f) != web).ToList();
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var type in DeclaredTypes(file))
                declared.TryAdd(type, FolderOf(web, file));

        var edges = new HashSet<(string From, string To)>();
        foreach (var file in files)
        {
            var from = FolderOf(web, file);
            foreach (Match word in Word().Matches(File.ReadAllText(file)))
                if (declared.TryGetValue(word.Value, out var to) && to != from) edges.Add((from, to));
        }

        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"Web folders depend on each other in a loop: {string.Join(" -> ", cycle ?? [])}. Edges: {string.Join(", ", edges.Order().Select(e => $"{e.From}->{e.To}"))}");
    }

    // Designer is split one level deeper (Model, Canvas, Palette, Inspector, Panels/*) because its parts are features of their own.
    private static string FolderOf(string web, string file)
    {
        var parts = Path.GetRelativePath(web, file).Split(Path.DirectorySeparatorChar);
        return parts[0] switch
        {
            "Designer" when parts.Length > 2 && parts[1] == "Panels" && parts.Length > 3 => $"Designer/Panels/{parts[2]}",
            "Designer" when parts.Length > 2 => $"Designer/{parts[1]}",
            _ => parts[0],
        };
    }

    private static IEnumerable<string> DeclaredTypes(string file) => file.EndsWith(".razor", StringComparison.Ordinal)
        ? [Path.GetFileNameWithoutExtension(file)]
        : TypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value);

    private static List<string>? FindCycle(HashSet<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node, []))
            {
                if (state.GetValueOrDefault(to) == 1) return [.. path[path.IndexOf(to)..], to];
                if (state.GetValueOrDefault(to) == 0 && Visit(to) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in next.Keys)
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        return null;
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowStudio.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository.");
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    // A word after a dot is a member (Severity.Error), not a use of a type of that name.
    [GeneratedRegex(@"(?<!\.)\b[A-Z]\w*\b")]
    private static partial Regex Word();
}
