using System.Collections;

namespace WorkflowStudio.Core.Running;

/// <summary>Measures the text a step's outputs hold, nested lists and maps included, stopping as soon as it is too much.</summary>
internal static class OutputSize
{
    public static bool Exceeds(IReadOnlyDictionary<string, object?> outputs, long max)
    {
        var left = max;
        return !Fits(outputs, ref left);
    }

    private static bool Fits(object? value, ref long left)
    {
        switch (value)
        {
            case string text:
                return (left -= text.Length) >= 0;
            // Outputs are nearly always this type; its own enumerator measures them without allocating.
            case Dictionary<string, object?> outputs:
                foreach (var item in outputs.Values)
                    if (!Fits(item, ref left)) return false;
                return true;
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
