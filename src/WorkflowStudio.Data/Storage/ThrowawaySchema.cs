namespace WorkflowStudio.Data.Storage;

/// <summary>
/// The tables of the studio's three contexts as one SQL script, made from their models and kept equal to them by
/// <c>ThrowawaySchemaTests</c>. A throwaway file gets its tables from it without building any EF model.
/// </summary>
internal static class ThrowawaySchema
{
    public static string Script { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(ThrowawaySchema).Assembly.GetManifestResourceStream("WorkflowStudio.Data.Storage.ThrowawaySchema.sql")
            ?? throw new InvalidOperationException("The throwaway schema script is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
