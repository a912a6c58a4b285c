using System.Text.Json;

namespace WorkflowStudio.Core.Serialization;

/// <summary>
/// System.Text.Json's message without its own location trailer ("Path: $.a | LineNumber: 5 | BytePositionInLine: 0."),
/// which counts from 0: the studio says where with 1-based line and column numbers of its own.
/// </summary>
public static class JsonErrorText
{
    public static string Of(JsonException e) => Of(e.Message);

    public static string Of(string message)
    {
        var cut = new[] { message.IndexOf(" Path:", StringComparison.Ordinal), message.IndexOf(" LineNumber:", StringComparison.Ordinal) }
            .Where(i => i > 0).DefaultIfEmpty(message.Length).Min();
        return message[..cut];
    }
}
