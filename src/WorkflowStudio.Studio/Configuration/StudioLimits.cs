using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Studio.Configuration;

public static class StudioLimits
{
    /// <summary>The engine's limits as the settings give them, so the validator and every run apply the same numbers.</summary>
    public static WorkflowLimits From(LimitsOptions limits) => new()
    {
        MaxNodes = limits.MaxNodes,
        MaxInputChars = limits.MaxInputChars,
        MaxTextChars = limits.MaxTextChars,
    };
}
