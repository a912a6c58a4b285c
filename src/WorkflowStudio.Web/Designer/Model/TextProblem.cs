using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>A problem in the text of one code tab (<paramref name="Form"/>: C# or JSON).</summary>
public sealed record TextProblem(IWorkflowCodec Form, CodeProblem Problem);

/// <summary>Text typed in a code tab that does not read as a workflow, with what stops it.</summary>
public sealed record UnreadText(string Text, IReadOnlyList<CodeProblem> Problems);
