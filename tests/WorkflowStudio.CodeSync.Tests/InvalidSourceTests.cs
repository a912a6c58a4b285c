namespace WorkflowStudio.CodeSync.Tests;

/// <summary>
/// Sources outside the definition subset each give the expected diagnostic where the problem is (marked ⟨ in the
/// source), never a workflow and never an exception.
/// </summary>
public class InvalidSourceTests
{
    private const string Marker = "⟨";

    private static string Chain(string calls) => $$"""
        using WorkflowStudio.Core.Building;
        using WorkflowStudio.Core.Model;

        public static class W
        {
            public static Workflow Build() => new WorkflowBuilder("w")
                {{calls}}
                .Build();
        }
        """;

    private static string Body(string statements) => $$"""
        using WorkflowStudio.Core.Building;
        using WorkflowStudio.Core.Model;

        public static class W
        {
            public static Workflow Build()
            {
                {{statements}}
                return new WorkflowBuilder("w").Input("a").Build();
            }
        }
        """;

    public static TheoryData<string, string, CodeIssue, string> Cases => new()
    {
        { "missing parenthesis", Chain(".Input(\"a\"⟨;"), CodeIssue.SyntaxError, "not valid C#: ) expected" },
        { "unterminated string", Chain(".Input(⟨\"a)"), CodeIssue.SyntaxError, "not valid C#" },
        { "empty file", "⟨", CodeIssue.NotADefinition, "There is no workflow here" },
        { "variable", Chain(".Prompt(\"p\", p => p.User(⟨prompt))"), CodeIssue.NotALiteral, "'prompt' is a variable" },
        { "foreign method", Chain(".Prompt(\"p\", p => p.User(⟨GetPrompt()))"), CodeIssue.MethodCall, "'GetPrompt(...)' calls other code" },
        { "File.ReadAllText", Chain(".Prompt(\"p\", p => p.User(⟨System.IO.File.ReadAllText(\"/etc/passwd\")))"), CodeIssue.MethodCall, "'System.IO.File.ReadAllText(...)' calls other code" },
        { "Process.Start", Body("⟨System.Diagnostics.Process.Start(\"rm\", \"-rf /\");"), CodeIssue.UnsupportedStatement, "'System.Diagnostics.Process.Start(...)' would run code" },
        { "interpolation", Chain(".Output(\"o\", ⟨$\"{x}\")"), CodeIssue.Interpolation, "String interpolation" },
        { "loop", Body("⟨for (var i = 0; i < 3; i++) { }"), CodeIssue.UnsupportedStatement, "Loops are not allowed" },
        { "local variable", Body("⟨var b = new WorkflowBuilder(\"x\");"), CodeIssue.UnsupportedStatement, "Variables and local functions are not allowed" },
        { "unknown builder method", Chain(".⟨Loop(\"a\")"), CodeIssue.UnknownMethod, "'Loop' is not a WorkflowBuilder method" },
        { "unknown setting", Chain(".Prompt(\"p\", p => p.⟨Colour(\"red\"))"), CodeIssue.UnknownMethod, "Prompt nodes have no setting 'Colour'" },
        { "duplicate id", Chain(".Input(\"a\")\n.Prompt(⟨\"a\")"), CodeIssue.DuplicateId, "Two nodes are called 'a' (the first is on line 7)" },
        { "chain from a factory", "using WorkflowStudio.Core.Model;\nclass W { static Workflow Build() => ⟨Factory.Create(\"w\").Input(\"a\").Build(); }", CodeIssue.MethodCall, "'Factory.Create(\"w\")' is not that" },
        { "chain from another type", "using WorkflowStudio.Core.Model;\nclass W { static Workflow Build() => ⟨new Builder(\"w\").Input(\"a\").Build(); }", CodeIssue.ChainStart, "starts with new WorkflowBuilder" },
        { "missing Build()", "using WorkflowStudio.Core.Model;\nclass W { static Workflow Build() => new WorkflowBuilder(\"w\").Input(\"a\"⟨); }", CodeIssue.ChainEnd, "must end with .Build()" },
        { "Build() in the middle", "class W { static Workflow Build() => new WorkflowBuilder(\"w\").⟨Build().Input(\"a\").Build(); }", CodeIssue.ChainEnd, "Build() ends the chain" },
        { "text for a number", Chain(".Prompt(\"p\", p => p.Temperature(⟨\"hot\"))"), CodeIssue.WrongType, "Expected a number, such as 0.5, not text" },
        { "number out of range", Chain(".Prompt(\"p\", p => p.MaxTokens(⟨99999999999))"), CodeIssue.OutOfRange, "too large" },
        { "fraction for a whole number", Chain(".Prompt(\"p\", p => p.MaxTokens(⟨2.5))"), CodeIssue.WrongType, "not a whole number" },
        { "unknown enum value", Chain(".Judge(\"j\", j => j.Scale(JudgeScale.⟨OneToTen))"), CodeIssue.UnknownEnumMember, "JudgeScale has no value 'OneToTen'" },
        { "another enum", Chain(".Judge(\"j\", j => j.Scale(⟨Colour.Red))"), CodeIssue.NotALiteral, "one of JudgeScale.PassFail, JudgeScale.OneToFive, JudgeScale.ZeroToOne" },
        { "block lambda", Chain(".Prompt(\"p\", p => ⟨{ return p; })"), CodeIssue.InvalidLambda, "without braces" },
        { "lambda on another name", Chain(".Prompt(\"p\", p => ⟨q.Model(\"x\"))"), CodeIssue.InvalidLambda, "must start from the lambda's parameter 'p'" },
        { "two-parameter lambda", Chain(".Prompt(\"p\", ⟨(a, b) => a)"), CodeIssue.InvalidLambda, "a lambda with one parameter" },
        { "lambda parameter of another type", Chain(".Prompt(\"p\", (⟨string p) => p)"), CodeIssue.InvalidLambda, "parameter is a PromptBuilder" },
        { "async lambda", Chain(".Prompt(\"p\", ⟨async p => p)"), CodeIssue.InvalidLambda, "cannot be async" },
        { "setting twice", Chain(".Prompt(\"p\", p => p.Model(\"a\").⟨Model(\"b\"))"), CodeIssue.DuplicateSetting, "Model is set twice" },
        { "argument twice", Chain(".Tool(\"t\", t => t.Arg(\"q\", \"1\").⟨Arg(\"q\", \"2\"))"), CodeIssue.DuplicateSetting, "'q' in Arg(...) is set twice" },
        { "value given twice", Chain(".Output(\"o\", \"x\", o => o.⟨Value(\"y\"))"), CodeIssue.DuplicateSetting, "Value is set twice" },
        { "description twice", Chain(".Description(\"a\").⟨Description(\"b\")"), CodeIssue.DuplicateSetting, "description is set twice" },
        { "position twice", Chain(".Input(\"a\")\n.Layout((\"a\", 0, 0), ⟨(\"a\", 1, 1))"), CodeIssue.DuplicatePosition, "Node 'a' has two positions" },
        { "position twice across calls", Chain(".Input(\"ab\")\n.Layout((\"ab\", 0, 0))\n.Layout(⟨(\"a\" + \"b\", 1, 1))"), CodeIssue.DuplicatePosition, "Node 'ab' has two positions" },
        { "missing id", Chain(".Input⟨()"), CodeIssue.ArgumentMismatch, "Input(...) needs its 'id' argument" },
        { "too many arguments", Chain(".Input(\"a\", null, ⟨\"b\")"), CodeIssue.ArgumentMismatch, "takes at most 2 arguments" },
        { "unknown named argument", Chain(".Edge(\"a\", \"b\", ⟨loops: 3)"), CodeIssue.ArgumentMismatch, "has no argument called 'loops'; its arguments are from, to, maxLoops (optional)" },
        { "positional after named", Chain(".Edge(from: \"a\", ⟨\"b\")"), CodeIssue.ArgumentMismatch, "Put named arguments" },
        { "ref argument", Chain(".Input(⟨ref id)"), CodeIssue.ArgumentMismatch, "'ref' arguments are not allowed" },
        { "layout without a tuple", Chain(".Layout(⟨\"a\")"), CodeIssue.WrongType, "a tuple such as (\"text\", 0.5, 0.5)" },
        { "tuple of the wrong size", Chain(".Layout(⟨(\"a\", 1))"), CodeIssue.ArgumentMismatch, "wrong number of values" },
        { "arithmetic", Chain(".Prompt(\"p\", p => p.MaxTokens(⟨1 + 2))"), CodeIssue.NotALiteral, "'1 + 2' is not a literal value" },
        { "#if", "⟨#if DEBUG\n#endif\n" + Chain(""), CodeIssue.UnsupportedDirective, "'if' directives are not allowed" },
        { "using alias", "⟨using IO = System.IO;\n" + Chain(""), CodeIssue.UnsupportedDirective, "aliases, 'using static' and 'global using' are not" },
        { "using static", "⟨using static System.IO.File;\n" + Chain(""), CodeIssue.UnsupportedDirective, "Only plain 'using Namespace;' lines" },
        { "top-level statement", "⟨System.Console.WriteLine(\"x\");", CodeIssue.UnsupportedStatement, "Top-level statements are not allowed" },
        { "Node(...) with an object", Chain(".⟨Node(new PromptNode(\"x\"))"), CodeIssue.UnknownMethod, "'Node' is not a WorkflowBuilder method a definition can call" },
        { "two classes", Chain("") + "\npublic static class ⟨Other { }", CodeIssue.NotADefinition, "move class 'Other' to a file of its own" },
        { "class without Build", "public static class ⟨W { }", CodeIssue.NotADefinition, "Class 'W' has no Build() method" },
        { "extra field", Chain("").Replace("{\n    public static Workflow", "{\n    ⟨private static string P = \"x\";\n    public static Workflow"), CodeIssue.UnsupportedMember, "Remove 'private static string P = \"x\";'" },
        { "Build with parameters", "class W { static Workflow Build⟨(string id) => new WorkflowBuilder(\"w\").Build(); }", CodeIssue.UnsupportedMember, "Build() takes no parameters" },
        { "nameof", Chain(".Input(⟨nameof(Build))"), CodeIssue.MethodCall, "'nameof(...)' calls other code" },
        { "UTF-8 literal", Chain(".Input(⟨\"a\"u8)"), CodeIssue.WrongType, "not UTF-8 bytes" },
        { "default literal", Chain(".Input(⟨default)"), CodeIssue.WrongType, "not default" },
        { "null id", Chain(".Input(⟨null)"), CodeIssue.WrongType, "null is not allowed here" },
        { "object creation", Chain(".Input(⟨new string('a', 3))"), CodeIssue.NotALiteral, "Creating objects is not allowed" },
        { "generic method", Chain(".⟨Input<int>(\"a\")"), CodeIssue.UnknownMethod, "'Input' is not a WorkflowBuilder method" },
        { "constant from elsewhere", Chain(".Prompt(\"p\", p => p.Model(⟨Models.Default))"), CodeIssue.NotALiteral, "'Models.Default' refers to something outside the definition" },
        { "decimal for a number", Chain(".Prompt(\"p\", p => p.Temperature(⟨0.5m))"), CodeIssue.WrongType, "without the m suffix" },
        { "record instead of class", "⟨public record W(int X);", CodeIssue.UnsupportedMember, "holds one class with a Build() method" },
        { "wrong return type", "class W { static ⟨string Build() => new WorkflowBuilder(\"w\").Build(); }", CodeIssue.NotADefinition, "Build() must return Workflow" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_expected_diagnostic_at_the_problem(string name, string marked, CodeIssue issue, string message)
    {
        var (source, line, column) = Unmark(marked);

        var result = CSharpCodeParser.Parse(source);

        Assert.False(result.Success, name);
        Assert.Null(result.Workflow);
        if (!result.Diagnostics.Any(d => d.Issue == issue && d.Line == line && d.Column == column && d.Message.Contains(message, StringComparison.Ordinal)))
            Assert.Fail($"{name}: expected {issue} at {line}:{column} containing \"{message}\", got:\n{string.Join("\n", result.Diagnostics.Select(x => $"{x.Issue} {x}"))}");
    }

    [Fact]
    public void Code_that_would_write_a_file_is_read_not_run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"codesync-{Guid.NewGuid():N}");

        var result = CSharpCodeParser.Parse(Chain($".Input(System.IO.File.WriteAllText(@\"{path}\", \"x\"))"));

        Assert.False(result.Success);
        Assert.Equal(CodeIssue.MethodCall, Assert.Single(result.Diagnostics).Issue);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Deeply_nested_brackets_are_refused_before_parsing()
    {
        var depth = 20_000;
        var result = CSharpCodeParser.Parse(Chain($".Input({new string('(', depth)}\"a\"{new string(')', depth)})"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((CodeIssue.TooLarge, 7, 270), (diagnostic.Issue, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Long_concatenations_are_read_without_recursion()
    {
        var parts = Enumerable.Repeat("\"ab\"", 20_000);
        var result = CSharpCodeParser.Parse(Chain($".Output(\"o\", {string.Join(" + ", parts)})"));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 20_000)), ((Core.Model.OutputNode)result.Workflow.Nodes[0]).Value);
    }

    [Fact]
    public void Very_long_code_is_refused_at_once()
    {
        var result = CSharpCodeParser.Parse(new string(' ', CSharpCodeParser.MaxLength + 1));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((CodeIssue.TooLarge, 1, 1), (diagnostic.Issue, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Several_problems_are_all_reported_in_order()
    {
        var result = CSharpCodeParser.Parse(Chain(".Input(x)\n.Prompt(\"p\", p => p.Temperature(\"hot\"))\n.Colour()"));

        Assert.Equal([CodeIssue.NotALiteral, CodeIssue.WrongType, CodeIssue.UnknownMethod], result.Diagnostics.Select(d => d.Issue));
        Assert.Equal([7, 8, 9], result.Diagnostics.Select(d => d.Line));
    }

    private static (string Source, int Line, int Column) Unmark(string marked)
    {
        var at = marked.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "The case has no ⟨ marker.");
        var before = marked[..at];
        var line = before.Count(c => c == '\n') + 1;
        var column = at - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(at, Marker.Length), line, column);
    }
}
