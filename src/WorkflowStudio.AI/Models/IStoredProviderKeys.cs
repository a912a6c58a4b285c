namespace WorkflowStudio.AI.Models;

/// <summary>
/// Provider API keys entered in the studio rather than the environment (the application layer keeps them encrypted). Read
/// on every model call, so a key replaced in the browser is used from the next call on.
/// </summary>
public interface IStoredProviderKeys
{
    /// <summary>The stored key of <paramref name="provider"/>, or null.</summary>
    string? Find(string provider);
}
