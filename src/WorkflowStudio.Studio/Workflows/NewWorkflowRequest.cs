namespace WorkflowStudio.Studio.Workflows;

/// <summary>What the new-workflow dialog asks for: a name, and the template to copy (none means blank).</summary>
public sealed record NewWorkflowRequest(string Name, WorkflowTemplate? Template);
