using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>Compiles generated definitions with Roslyn against WorkflowStudio.Core, as an engineer's project would, and runs their Build().</summary>
internal static class DefinitionCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(Workflow).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path))]);

    /// <summary>The workflow each source's Build() returns, keyed by the class's full name.</summary>
    public static Dictionary<string, Workflow> BuildAll(IEnumerable<string> sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))).ToList();
        var compilation = CSharpCompilation.Create("Definitions" + Guid.NewGuid().ToString("N"), trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(20)));

        image.Position = 0;
        var context = new AssemblyLoadContext("definitions", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(image);
            return assembly.GetTypes()
                .Select(t => (Type: t, Build: t.GetMethod("Build", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)))
                .Where(x => x.Build is not null)
                .ToDictionary(x => x.Type.FullName!, x => (Workflow)x.Build!.Invoke(null, null)!);
        }
        finally
        {
            context.Unload();
        }
    }
}
