namespace WorkflowStudio.Studio.Security;

/// <summary>
/// What a user may change. The application layer knows roles only as this value, handed in by the face that signed the
/// user in (the web app's cookie, the CLI's local owner), so every face enforces the same rules in the same place.
/// </summary>
public enum StudioRole
{
    /// <summary>Everything, including accounts.</summary>
    Owner,
    /// <summary>Every workflow change: graph, models, tools, versions and tags.</summary>
    Editor,
    /// <summary>The domain expert: prompt texts, rubrics and sample values of existing steps, nothing else.</summary>
    PromptEditor,
    /// <summary>Reads everything, changes nothing, starts no runs.</summary>
    Viewer,
}
