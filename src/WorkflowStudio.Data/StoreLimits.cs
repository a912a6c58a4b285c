namespace WorkflowStudio.Data;

/// <summary>Lengths the stores check before writing, so bad input gets a sentence rather than a database error.</summary>
public static class StoreLimits
{
    public const int IdLength = 200;
    public const int NameLength = 200;
    public const int TagLength = 40;
    public const int MessageLength = 2_000;
    public const int IdempotencyKeyLength = 255;

    /// <summary>
    /// The most JSON one run event is stored as. Larger values are cut with a marker (<see cref="Runs.RunEventJson.Bounded"/>),
    /// so a huge output never stops a run's terminal event from being stored.
    /// </summary>
    public const int EventPayloadChars = 1_000_000;
}
