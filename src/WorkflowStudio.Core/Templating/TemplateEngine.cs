using System.Collections.Concurrent;
using Fluid;
using Fluid.Ast;

namespace WorkflowStudio.Core.Templating;

/// <summary>
/// Sandboxed {{variable}} templates on Fluid (Liquid): no .NET member access beyond plain dictionaries,
/// bounded steps and recursion, so a template can never run code or loop forever.
/// </summary>
public static class TemplateEngine
{
    private const int MaxCachedTemplates = 10_000;
    private const int MaxRange = 10_000;
    private static readonly FluidParser Parser = CreateParser();
    private static readonly ConcurrentDictionary<string, ParsedTemplate> Cache = new(StringComparer.Ordinal);
    /// <summary>No template is parsed past this length, whatever limit a validator was given.</summary>
    public const int MaxSourceChars = 1_000_000;
    private static readonly TemplateOptions Options = CreateOptions();

    private static FluidParser CreateParser()
    {
        var parser = new FluidParser(new FluidParserOptions { AllowFunctions = false });
        foreach (var op in Comparison.Operators) parser.RegisteredOperators[op] = (left, right) => new Comparison(left, right, op);
        return parser;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            MaxSteps = 100_000,
            MaxRecursion = 16,
            StrictVariables = false,
            StrictFilters = true,
        };
        OutputLimit.Bound(options.Filters);
        return options;
    }

    /// <summary>Parses once and remembers; workflows render the same few templates many times.</summary>
    public static ParsedTemplate Parse(string source)
    {
        if (Cache.TryGetValue(source, out var cached)) return cached;
        var parsed = ParseUncached(source);
        if (Cache.Count >= MaxCachedTemplates) Cache.Clear();
        Cache[source] = parsed;
        return parsed;
    }

    /// <summary>Parses a Liquid condition such as <c>ticket.text contains "refund"</c>.</summary>
    public static ParsedTemplate ParseCondition(string expression) =>
        Parse("{% if " + expression + " %}true{% else %}false{% endif %}");

    public static string Render(ParsedTemplate template, Func<string, object?> resolve)
    {
        if (template.Error is not null) throw new TemplateException(template.Error);
        if (template.Fluid is null) return template.Source;
        var context = new TemplateContext(Options);
        foreach (var root in template.Roots)
            if (resolve(root) is { } value) context.SetValue(root, value);
        using var output = new BoundedWriter("output");
        try
        {
            // Nothing a template reads is asynchronous, so this completes synchronously.
            var rendering = template.Fluid.RenderAsync(output, context, NullEncoder.Default);
            if (!rendering.IsCompletedSuccessfully) rendering.AsTask().GetAwaiter().GetResult();
            return output.ToString();
        }
        catch (InvalidOperationException e)
        {
            throw new TemplateException($"The template could not be rendered: {e.Message}");
        }
    }

    private static ParsedTemplate ParseUncached(string source)
    {
        if (!source.Contains("{{", StringComparison.Ordinal) && !source.Contains("{%", StringComparison.Ordinal))
            return new ParsedTemplate(source, null, null, []);
        if (source.Length > MaxSourceChars)
            return new ParsedTemplate(source, null, $"The template is {source.Length:N0} characters; templates may have at most {MaxSourceChars:N0}.", []);
        if (TemplateShape.Check(source) is { } shapeProblem)
            return new ParsedTemplate(source, null, shapeProblem, []);
        if (!Parser.TryParse(source, out var template, out var error))
            return new ParsedTemplate(source, null, Explain(error), []);
        var collector = new ReferenceCollector();
        collector.VisitTemplate(template);
        if (collector.RangeProblem is { } rangeProblem) return new ParsedTemplate(source, null, rangeProblem, []);
        var references = collector.References.Where(r => !collector.Locals.Contains(r.Root)).Distinct().ToList();
        return new ParsedTemplate(source, OutputLimit.BoundCaptures(template), null, references)
        {
            Roots = references.Select(r => r.Root).Distinct(StringComparer.Ordinal).ToArray(),
        };
    }

    private static string Explain(string error) => $"The template has a syntax error: {error}";

    /// <summary>Finds every variable a template reads, and the locals its own tags define.</summary>
    private sealed class ReferenceCollector : AstVisitor
    {
        public List<VariableReference> References { get; } = [];
        public HashSet<string> Locals { get; } = new(StringComparer.Ordinal) { "forloop" };
        public string? RangeProblem { get; private set; }

        // Fluid builds a range's values before looping over them, so a huge range would exhaust memory long
        // before the step limit could stop it: ranges must be literal and small.
        protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
        {
            if (rangeExpression.From is not LiteralExpression from || rangeExpression.To is not LiteralExpression to)
                RangeProblem = "Ranges like (1..n) must use literal numbers in templates.";
            else if (Math.Abs(to.Value.ToNumberValue() - from.Value.ToNumberValue()) > MaxRange)
                RangeProblem = $"Ranges in templates may span at most {MaxRange:N0} values.";
            return base.VisitRangeExpression(rangeExpression);
        }

        // Visitors do not know the workflow's own comparison, so its sides are walked here.
        public override Expression VisitOtherExpression(Expression expression)
        {
            if (expression is Comparison comparison)
            {
                Visit(comparison.Left);
                Visit(comparison.Right);
            }
            return base.VisitOtherExpression(expression);
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments is [IdentifierSegment root, ..] segments)
            {
                var member = segments.Count > 1 && segments[1] is IdentifierSegment second ? second.Identifier : null;
                References.Add(new VariableReference(root.Identifier, member));
            }
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Locals.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Locals.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Locals.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }
    }
}

/// <summary>A parsed template: the variables it reads (<c>root.member</c>) or the syntax error that stops it.</summary>
public sealed record ParsedTemplate(string Source, IFluidTemplate? Fluid, string? Error, IReadOnlyList<VariableReference> References)
{
    public IReadOnlyList<string> Roots { get; init; } = [];
}

public readonly record struct VariableReference(string Root, string? Member)
{
    public override string ToString() => Member is null ? Root : $"{Root}.{Member}";
}

public sealed class TemplateException(string message) : Exception(message);
