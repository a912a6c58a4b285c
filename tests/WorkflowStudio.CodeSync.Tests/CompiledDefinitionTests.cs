using FsCheck.Fluent;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>The generated C# means, compiled, exactly what the parser reads from it.</summary>
public class CompiledDefinitionTests
{
    [Fact]
    public void Generated_definitions_compile_and_build_the_same_workflow()
    {
        var workflows = RandomWorkflows.Workflow.Sample(100, 300).Append(SampleWorkflows.SeoArticle()).ToList();
        var sources = workflows.Select((w, i) => CSharpCodeGenerator.Generate(w, $"Random{i}")).ToList();

        var built = DefinitionCompiler.BuildAll(sources);

        Assert.Equal(workflows.Count, built.Count);
        for (var i = 0; i < workflows.Count; i++)
        {
            var compiled = built[$"Random{i}.{CSharpCodeGenerator.ClassName(workflows[i].Id)}"];
            Assert.Equal(CanonicalForm.Of(workflows[i]), compiled);
            Assert.Equal(CSharpCodeParser.Parse(sources[i]).Workflow, compiled);
        }
    }
}
