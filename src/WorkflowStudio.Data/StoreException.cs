namespace WorkflowStudio.Data;

/// <summary>A request the stores refuse (unknown workflow, taken id, bad tag name...), with a sentence saying why.</summary>
public class StoreException(string message) : Exception(message);

/// <summary>Thrown when anything tries to change a saved version; versions are history and history does not change.</summary>
public sealed class VersionImmutableException(string message) : StoreException(message);
