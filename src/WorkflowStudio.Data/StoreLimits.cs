namespace WorkflowStudio.Data;

/// <summary>Lengths the stores check before writing, so bad input gets a sentence rather than a database error.</summary>
public static class StoreLimits
{
    public const int IdLength = 200;
    public const int NameLength = 200;
    public const int TagLength = 40;
    public const int MessageLength = 2_000;
    public const int IdempotencyKeyLength = 255;
}
