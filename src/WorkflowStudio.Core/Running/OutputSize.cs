using System.Collections;

namespace WorkflowStudio.Core.Running;

/// <summary>Measures the text a step's outputs hold, nested lists and maps included, stopping as soon as it is too much.</summary>
internal static class OutputSize
{
    public static bool Exceeds(IReadOnlyDictionary<string, object?> outputs, long max)
    {
        var left = max;
        foreach (var value in outputs.Values)
            if (!Fits(value, ref left)) return true;
        return false;
    }

    private static bool Fits(object? value, ref long left)
    {
        switch (value)
        {
            case string text:
                return (left -= text.Length) >= 0;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                    if (!Fits(entry.Value, ref left)) return false;
                return true;
            case IEnumerable items:
                foreach (var item in items)
                    if (!Fits(item, ref left)) return false;
                return true;
            default:
                return true;
        }
    }
}
