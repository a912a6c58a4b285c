using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace WorkflowStudio.Core.Templating;

/// <summary>
/// Caps how much text a render may build. The step limit counts statements, not characters, so a loop, a capture or a
/// filter chain could otherwise grow a value to gigabytes; every place text grows is checked before or right after.
/// </summary>
internal static class OutputLimit
{
    public const int MaxChars = 1_000_000;
    public const int MaxItems = 100_000;

    public static TemplateException Exceeded(string what) =>
        new($"The template's {what} would exceed {MaxChars:N0} characters (or {MaxItems:N0} items); shorten what it repeats or joins.");

    /// <summary>Every filter checks what it returns; replace and join also check before they build anything.</summary>
    public static void Bound(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList())
        {
            filters.AddFilter(name, async (input, arguments, context) => Check(await filter(input, arguments, context).ConfigureAwait(false), $"'{name}' result"));
        }
        Guard(filters, "replace", (input, arguments) =>
        {
            var text = input.ToStringValue();
            var search = arguments.At(0).ToStringValue();
            var growth = arguments.At(1).ToStringValue().Length - search.Length;
            return search.Length == 0 || growth <= 0 || (long)text.Length + (long)Count(text, search) * growth <= MaxChars;
        });
        Guard(filters, "join", (input, arguments) =>
        {
            var separator = arguments.At(0).ToStringValue().Length;
            long total = 0;
            foreach (var item in input.Enumerate(new TemplateContext()))
                if ((total += item.ToStringValue().Length + separator) > MaxChars) return false;
            return true;
        });
    }

    public static FluidValue Check(FluidValue value, string what) => value switch
    {
        StringValue s when s.ToStringValue().Length > MaxChars => throw Exceeded(what),
        ArrayValue a when a.Values.Count > MaxItems => throw Exceeded(what),
        _ => value,
    };

    private static void Guard(FilterCollection filters, string name, Func<FluidValue, FilterArguments, bool> fits)
    {
        filters.TryGetValue(name, out var filter);
        filters.AddFilter(name, (input, arguments, context) => fits(input, arguments) ? filter(input, arguments, context) : throw Exceeded($"'{name}' result"));
    }

    private static int Count(string text, string search)
    {
        var count = 0;
        for (var i = text.IndexOf(search, StringComparison.Ordinal); i >= 0; i = text.IndexOf(search, i + search.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>Replaces each capture with one that writes into a bounded buffer, the one writer a render does not hand us.</summary>
    public static IFluidTemplate BoundCaptures(IFluidTemplate template) => new CaptureBounder().VisitTemplate(template);

    private sealed class CaptureBounder : AstRewriter
    {
        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) =>
            new BoundedCapture((CaptureStatement)base.VisitCaptureStatement(captureStatement));
    }

    private sealed class BoundedCapture(CaptureStatement capture) : Statement
    {
        public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            context.IncrementSteps();
            using var buffer = new BoundedWriter("capture");
            foreach (var statement in capture.Statements)
            {
                var completion = await statement.WriteToAsync(buffer, encoder, context).ConfigureAwait(false);
                if (completion != Completion.Normal) return completion;
            }
            context.SetValue(capture.Identifier, new StringValue(buffer.ToString()));
            return Completion.Normal;
        }
    }
}

/// <summary>A string writer that refuses to grow past <see cref="OutputLimit.MaxChars"/>.</summary>
internal sealed class BoundedWriter(string what) : StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture)
{
    public override void Write(char value)
    {
        Reserve(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    private void Reserve(int count)
    {
        if ((long)GetStringBuilder().Length + count > OutputLimit.MaxChars) throw OutputLimit.Exceeded(what);
    }
}
