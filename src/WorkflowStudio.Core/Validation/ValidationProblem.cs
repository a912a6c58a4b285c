namespace WorkflowStudio.Core.Validation;

public enum Severity { Error, Warning }

/// <summary>One thing wrong with a workflow: where (node and field) and a sentence a product manager understands.</summary>
public sealed record ValidationProblem(Severity Severity, string Code, string? NodeId, string? Field, string Message)
{
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Code}{(NodeId is null ? "" : $" at {NodeId}{(Field is null ? "" : "." + Field)}")}: {Message}";
}

/// <summary>Limits that keep a workflow and its inputs to a size the studio can handle.</summary>
public sealed record WorkflowLimits
{
    public int MaxNodes { get; init; } = 2_000;
    public int MaxTextChars { get; init; } = 100_000;
    public int MaxInputChars { get; init; } = 100_000;
    public int MaxLoops { get; init; } = 1_000;
    /// <summary>Most characters of text one step may produce (a model's answer, a tool's result); more fails the step.</summary>
    public int MaxOutputChars { get; init; } = 1_000_000;

    public static WorkflowLimits Default { get; } = new();
}
