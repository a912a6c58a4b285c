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

public static class StudioRoles
{
    /// <summary>
    /// The widest role of a user given several (roles are declared strongest first); a user with no studio role is a
    /// viewer, never more.
    /// </summary>
    public static StudioRole Strongest(Func<string, bool> holds) =>
        Enum.GetValues<StudioRole>().FirstOrDefault(r => holds(r.ToString()), StudioRole.Viewer);

    /// <summary>A role by its exact name, as the API and settings give it.</summary>
    /// <exception cref="Data.StoreException">Not one of the four names.</exception>
    public static StudioRole Parse(string? name) =>
        Enum.TryParse<StudioRole>(name, ignoreCase: false, out var role) && Enum.IsDefined(role) && !int.TryParse(name, out _)
            ? role
            : throw new Data.StoreException($"The role must be one of {string.Join(", ", Enum.GetNames<StudioRole>())}, not '{name}'.");
}
