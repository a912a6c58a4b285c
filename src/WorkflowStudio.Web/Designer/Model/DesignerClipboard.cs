namespace WorkflowStudio.Web.Designer.Model;

/// <summary>Steps copied in this browser tab, as workflow JSON, so they can be pasted into any open workflow.</summary>
public sealed class DesignerClipboard
{
    public string? Content { get; set; }
}
