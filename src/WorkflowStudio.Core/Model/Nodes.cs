using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Running.Executors;

namespace WorkflowStudio.Core.Model;

[NodeKind("input", "Input", NodeCategory.InputOutput, "login",
    "A value the caller provides when the workflow runs. Other steps use it as {{id}}.",
    InputPorts = [], Outputs = ["value"], Executor = typeof(InputExecutor))]
public sealed record InputNode(string Id) : Node(Id)
{
    [Setting("Description", SettingEditor.Text, Description = "What the caller should provide.", Preview = 1)]
    public string? Description { get; init; }

    [Setting("Default value", SettingEditor.MultilineText, Description = "Used when the caller provides nothing.")]
    public string? Default { get; init; }

    [Setting("Required", SettingEditor.Toggle, Description = "Refuse to run without this value.")]
    public bool Required { get; init; } = true;

    [Setting("Maximum length", SettingEditor.Number, Description = "Longest accepted value, in characters.", Min = 1, Max = 1_000_000)]
    public int MaxLength { get; init; } = 20_000;
}

[NodeKind("output", "Output", NodeCategory.InputOutput, "logout",
    "A result of the workflow, built from a template over earlier steps.",
    OutputPorts = [], Outputs = ["value"], Executor = typeof(OutputExecutor))]
public sealed record OutputNode(string Id) : Node(Id)
{
    [Setting("Value", SettingEditor.Template, Description = "What this output returns, e.g. {{writer.text}}.", Preview = 1, PreviewWhenBlank = "empty output")]
    public string Value { get; init; } = "";
}

[NodeKind("prompt", "Prompt", NodeCategory.Ai, "chat",
    "Asks a language model, with system and user templates.",
    Outputs = ["text", "json"], Executor = typeof(PromptExecutor))]
public sealed record PromptNode(string Id) : Node(Id)
{
    public const string DefaultModel = "offline";
    public const double DefaultSemanticCacheThreshold = 0.95;

    [Setting("Model", SettingEditor.Model, Description = "Which configured model answers.", Preview = 1)]
    public string Model { get; init; } = DefaultModel;

    [Setting("System prompt", SettingEditor.Template, Description = "How the model should behave.", Lines = 5)]
    public string? System { get; init; }

    [Setting("User prompt", SettingEditor.Template, Description = "What the model is asked. Use {{variables}} from earlier steps.", Lines = 5, Preview = 2, RequiredCode = "empty_prompt")]
    public string User { get; init; } = "";

    [Setting("Temperature", SettingEditor.Slider, Description = "Higher is more varied, lower more predictable.", Min = 0, Max = 2, Step = 0.1)]
    public double Temperature { get; init; } = 0.7;

    [Setting("Max tokens", SettingEditor.Number, Description = "Longest answer, in tokens.", Min = 1, Max = 128_000)]
    public int MaxTokens { get; init; } = 1024;

    [Setting("JSON schema", SettingEditor.JsonSchema, Description = "When set, the answer must be JSON matching this schema.")]
    public string? JsonSchema { get; init; }

    [Setting("Memory", SettingEditor.Toggle, Description = "Remember this step's earlier turns when a loop comes back to it.")]
    public bool Memory { get; init; }

    [Setting("Stream", SettingEditor.Toggle, Description = "Show the answer as it is written.")]
    public bool Stream { get; init; } = true;

    [Setting("Semantic cache", SettingEditor.Toggle, Group = "Cache",
        Description = "Where the run may use the response cache, also answer a question close in meaning to one this step already answered (same system prompt, numbers and names).")]
    public bool SemanticCache { get; init; }

    [Setting("Semantic cache threshold", SettingEditor.Slider, Group = "Cache",
        Description = "How close in meaning (MiniLM cosine) the question must be to reuse an answer; higher reuses less.", Min = 0.5, Max = 1, Step = 0.01)]
    public double SemanticCacheThreshold { get; init; } = DefaultSemanticCacheThreshold;
}

[NodeKind("retrieval", "Retrieval", NodeCategory.Knowledge, "search",
    "Finds the passages of a knowledge base closest to a query.",
    Outputs = ["text", "chunks"], Executor = typeof(RetrievalExecutor))]
public sealed record RetrievalNode(string Id) : Node(Id)
{
    [Setting("Knowledge base", SettingEditor.KnowledgeBase, Description = "Where to search.", Preview = 1, PreviewWhenBlank = "no knowledge base", RequiredCode = "missing_knowledge_base")]
    public string KnowledgeBase { get; init; } = "";

    [Setting("Query", SettingEditor.Template, Description = "What to search for, e.g. {{question}}.")]
    public string Query { get; init; } = "";

    [Setting("Top k", SettingEditor.Number, Description = "How many passages to return.", Min = 1, Max = 100, Preview = 2, PreviewFormat = "top {0}")]
    public int TopK { get; init; } = 4;

    [Setting("Minimum score", SettingEditor.Slider, Description = "Leave out passages scoring below this.", Min = 0, Max = 1, Step = 0.05)]
    public double MinScore { get; init; }

    [Setting("Hybrid search", SettingEditor.Toggle, Description = "Combine meaning (vectors) with keywords.")]
    public bool Hybrid { get; init; } = true;
}

[NodeKind("tool", "Tool", NodeCategory.Tools, "build",
    "Calls a named tool (HTTP request, web search, calculator...) with templated arguments.",
    Outputs = ["text", "json"], Executor = typeof(ToolExecutor))]
public sealed record ToolNode(string Id) : Node(Id)
{
    [Setting("Tool", SettingEditor.Tool, Description = "Which tool to call.", Builder = "Use", Preview = 1, PreviewWhenBlank = "no tool chosen", RequiredCode = "missing_tool")]
    public string Tool { get; init; } = "";

    [Setting("Arguments", SettingEditor.Arguments, Description = "Argument templates by name.", Builder = "Arg", Preview = 2)]
    public ValueMap<string> Args { get; init; } = ValueMap<string>.Empty;
}

[NodeKind("agent", "Agent", NodeCategory.Ai, "smart_toy",
    "A model that may call tools, round after round, before it answers.",
    Outputs = ["text", "toolCalls"], Executor = typeof(AgentExecutor))]
public sealed record AgentNode(string Id) : Node(Id)
{
    [Setting("Model", SettingEditor.Model, Description = "Which configured model acts.", Preview = 1)]
    public string Model { get; init; } = PromptNode.DefaultModel;

    [Setting("System prompt", SettingEditor.Template, Description = "How the agent should behave and when to use its tools.", Lines = 5)]
    public string? System { get; init; }

    [Setting("Task", SettingEditor.Template, Description = "What the agent is asked to do. Use {{variables}} from earlier steps.", Builder = "Task", Lines = 5, Preview = 2, RequiredCode = "empty_prompt")]
    public string User { get; init; } = "";

    [Setting("Tools", SettingEditor.ToolList, Description = "Comma-separated names of the tools it may call; empty means every configured tool.", Preview = 3, PreviewWhenBlank = "every tool")]
    public string Tools { get; init; } = "";

    [Setting("Max rounds", SettingEditor.Number, Description = "Most rounds of tool calls before it must answer.", Min = 1, Max = 20)]
    public int MaxRounds { get; init; } = 5;

    [Setting("Temperature", SettingEditor.Slider, Description = "Higher is more varied, lower more predictable.", Min = 0, Max = 2, Step = 0.1)]
    public double Temperature { get; init; } = 0.2;

    public IEnumerable<string> ToolNames => Tools.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum JudgeScale { PassFail, OneToFive, ZeroToOne }

[NodeKind("judge", "Judge", NodeCategory.Quality, "gavel",
    "A model grades an answer against a rubric; routes to pass or fail.",
    OutputPorts = [PortNames.Pass, PortNames.Fail], Outputs = ["score", "reason", "passed", "text"], Executor = typeof(JudgeExecutor))]
public sealed record JudgeNode(string Id) : Node(Id)
{
    [Setting("Model", SettingEditor.Model, Description = "Which configured model judges.")]
    public string Model { get; init; } = PromptNode.DefaultModel;

    [Setting("Rubric", SettingEditor.MultilineText, Description = "What a good answer does.", Preview = 1, PreviewWhenBlank = "no rubric", RequiredCode = "empty_rubric", BlankIsWarning = true)]
    public string Rubric { get; init; } = "";

    [Setting("Subject", SettingEditor.Template, Description = "What is judged. Empty means the text of the step before.")]
    public string? Subject { get; init; }

    [Setting("Reference", SettingEditor.Template, Description = "Context or a reference answer to judge against.")]
    public string? Reference { get; init; }

    [Setting("Scale", SettingEditor.Choice, Description = "How the score is expressed.")]
    public JudgeScale Scale { get; init; } = JudgeScale.ZeroToOne;

    [Setting("Pass at", SettingEditor.Slider, Description = "Lowest normalised score (0-1) that passes.", Min = 0, Max = 1, Step = 0.05, Preview = 2, PreviewFormat = "pass ≥ {0}")]
    public double PassAt { get; init; } = 0.7;
}

[NodeKind("condition", "Condition", NodeCategory.Flow, "call_split",
    "Routes to true or false by a condition over earlier steps, e.g. triage.text contains \"refund\".",
    OutputPorts = [PortNames.True, PortNames.False], Outputs = ["value"], Executor = typeof(ConditionExecutor))]
public sealed record ConditionNode(string Id) : Node(Id)
{
    [Setting("Condition", SettingEditor.Expression, Description = "A Liquid condition, e.g. classify.text contains \"billing\".", Preview = 1)]
    public string Expression { get; init; } = "true";
}
