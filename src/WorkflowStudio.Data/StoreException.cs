namespace WorkflowStudio.Data;

public enum StoreErrorKind
{
    /// <summary>The request itself is wrong: an empty name, a bad tag, a message too long.</summary>
    Invalid,
    /// <summary>Something the request names does not exist.</summary>
    NotFound,
    /// <summary>The request clashes with what is stored, such as an id already taken.</summary>
    Conflict,
    /// <summary>The caller's role does not allow the change.</summary>
    Forbidden,
    /// <summary>The studio is at a configured limit (say, concurrent runs); the same request may succeed later.</summary>
    Busy,
}

/// <summary>A request the stores refuse (unknown workflow, taken id, bad tag name...), with a sentence saying why.</summary>
public class StoreException(string message, StoreErrorKind kind = StoreErrorKind.Invalid) : Exception(message)
{
    public StoreErrorKind Kind { get; } = kind;
}

/// <summary>Thrown when anything tries to change a saved version; versions are history and history does not change.</summary>
public sealed class VersionImmutableException(string message) : StoreException(message, StoreErrorKind.Conflict);
