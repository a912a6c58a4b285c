using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync;

/// <summary>
/// Reads the WorkflowBuilder chain of a definition and replays it on a real WorkflowBuilder with the literal values it
/// found, so a definition means exactly what it would mean compiled, without compiling or running anything it contains.
/// </summary>
internal sealed class ChainReader(DiagnosticBag diagnostics)
{
    private static readonly MethodInfo MakeConfigureMethod = typeof(ChainReader).GetMethod(nameof(MakeConfigure), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly LiteralReader _literals = new(diagnostics);
    private readonly Dictionary<string, int> _nodeLines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _positioned = new(StringComparer.Ordinal);
    private bool _hasDescription;

    public Workflow? Read(ExpressionSyntax definition)
    {
        var calls = new List<InvocationExpressionSyntax>();
        var current = LiteralReader.Unwrap(definition);
        var hasBuild = current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: nameof(WorkflowBuilder.Build) } };
        if (!hasBuild)
            diagnostics.Add(CodeIssue.ChainEnd, definition.GetLastToken(),
                "The chain must end with .Build(), which turns the recipe into a workflow.");
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access } call)
        {
            calls.Add(call);
            current = LiteralReader.Unwrap(access.Expression);
        }
        calls.Reverse();

        if (current is not ObjectCreationExpressionSyntax { Initializer: null } creation || !NamesType(creation.Type, typeof(WorkflowBuilder)))
        {
            // Factory.Create("w").Input(...) walks down to Factory; the call on it is what to point at.
            var culprit = current is not BaseObjectCreationExpressionSyntax && calls.Count > 0 ? calls[0] : current;
            diagnostics.Add(culprit is InvocationExpressionSyntax ? CodeIssue.MethodCall : CodeIssue.ChainStart, culprit,
                $"A definition starts with new WorkflowBuilder(\"id\") and goes on with builder calls; '{DiagnosticBag.Show(culprit)}' is not that.");
            return null;
        }

        var arguments = Bind(BuilderApi.Constructor.GetParameters(), nameof(WorkflowBuilder), creation.ArgumentList ?? SyntaxFactory.ArgumentList(), creation, configure: null);
        var builder = arguments is null ? null : (WorkflowBuilder)BuilderApi.Constructor.Invoke(arguments);
        for (var i = 0; i < calls.Count; i++)
        {
            var isLast = i == calls.Count - 1;
            if (hasBuild && isLast)
            {
                if (calls[i].ArgumentList.Arguments.Count > 0)
                    diagnostics.Add(CodeIssue.ArgumentMismatch, calls[i].ArgumentList, "Build() takes no arguments.");
                continue;
            }
            ReadCall(calls[i], ref builder);
        }

        if (diagnostics.Count > 0 || builder is null) return null;
        try
        {
            return builder.Build();
        }
        catch (ArgumentException e)
        {
            diagnostics.Add(CodeIssue.BuildFailed, definition, $"The workflow could not be built: {e.Message}");
            return null;
        }
    }

    private void ReadCall(InvocationExpressionSyntax call, ref WorkflowBuilder? builder)
    {
        var name = ((MemberAccessExpressionSyntax)call.Expression).Name;
        var methodName = name.Identifier.ValueText;
        if (methodName == nameof(WorkflowBuilder.Build))
        {
            diagnostics.Add(CodeIssue.ChainEnd, name, "Build() ends the chain; nothing can follow it, and it can appear only once.");
            return;
        }
        if (name is GenericNameSyntax || !BuilderApi.ChainMethods.TryGetValue(methodName, out var method))
        {
            diagnostics.Add(CodeIssue.UnknownMethod, name,
                $"'{methodName}' is not a WorkflowBuilder method a definition can call; it can call {string.Join(", ", BuilderApi.ChainMethodNames)}.");
            return;
        }

        var adder = BuilderApi.AddersByMethod.GetValueOrDefault(method);
        var arguments = Bind(BuilderApi.Parameters(method), methodName, call.ArgumentList, call, adder);
        if (arguments is null) return;

        if (adder is not null) CheckNodeId(call, (string)arguments[0]!);
        if (methodName == nameof(WorkflowBuilder.Description))
        {
            if (_hasDescription) diagnostics.Add(CodeIssue.DuplicateSetting, name, "The description is set twice; keep one Description(...) call.");
            _hasDescription = true;
        }
        if (methodName == nameof(WorkflowBuilder.Layout)) CheckPositions(call, arguments);

        if (builder is null) return;
        try
        {
            builder = BuilderApi.Invoke(method, builder, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            diagnostics.Add(CodeIssue.BuildFailed, call, $"{methodName}(...) cannot be applied: {Innermost(e).Message}");
            builder = null;
        }
    }

    private void CheckNodeId(InvocationExpressionSyntax call, string id)
    {
        var arguments = call.ArgumentList.Arguments;
        var argument = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "id") ?? arguments[0];
        var line = argument.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        if (_nodeLines.TryAdd(id, line)) return;
        diagnostics.Add(CodeIssue.DuplicateId, argument,
            $"Two nodes are called '{id}' (the first is on line {_nodeLines[id]}); each node needs its own id.");
    }

    // The params array holds one tuple per positional argument, in order, so each can be pointed at.
    private void CheckPositions(InvocationExpressionSyntax call, object?[] arguments)
    {
        if (arguments is not [Array positions]) return;
        for (var i = 0; i < positions.Length && i < call.ArgumentList.Arguments.Count; i++)
        {
            if (positions.GetValue(i) is not ITuple { Length: > 0 } position || position[0] is not string id) continue;
            if (!_positioned.Add(id))
                diagnostics.Add(CodeIssue.DuplicatePosition, call.ArgumentList.Arguments[i], $"Node '{id}' has two positions in Layout(...); keep one.");
        }
    }

    /// <summary>Matches arguments to parameters the way C# does (positional, then named, then defaults and params).</summary>
    private object?[]? Bind(ParameterInfo[] parameters, string displayName, ArgumentListSyntax list, SyntaxNode site, NodeAdder? configure)
    {
        var values = new object?[parameters.Length];
        var given = new bool[parameters.Length];
        var paramsIndex = parameters.Length > 0 && parameters[^1].IsDefined(typeof(ParamArrayAttribute)) ? parameters.Length - 1 : -1;
        var paramsItems = new List<object?>();
        var ok = true;
        var position = 0;
        var named = false;
        var presetSettings = new HashSet<string>(StringComparer.Ordinal);
        var lambdas = new List<(int Index, ExpressionSyntax Expression)>();

        foreach (var argument in list.Arguments)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                diagnostics.Add(CodeIssue.ArgumentMismatch, argument, $"'{argument.RefKindKeyword.ValueText}' arguments are not allowed; pass the value itself.");
                ok = false;
                continue;
            }
            int index;
            if (argument.NameColon is { } nameColon)
            {
                named = true;
                var parameterName = nameColon.Name.Identifier.ValueText;
                index = Array.FindIndex(parameters, p => p.Name == parameterName);
                if (index < 0 || index == paramsIndex)
                {
                    diagnostics.Add(CodeIssue.ArgumentMismatch, nameColon,
                        $"{displayName}(...) has no argument called '{parameterName}'; its arguments are {ParameterList(parameters)}.");
                    ok = false;
                    continue;
                }
            }
            else if (named)
            {
                diagnostics.Add(CodeIssue.ArgumentMismatch, argument, "Put named arguments (name: value) after the others.");
                ok = false;
                continue;
            }
            else if (position != paramsIndex && position < parameters.Length)
                index = position++;
            else if (paramsIndex >= 0)
            {
                var elementType = parameters[paramsIndex].ParameterType.GetElementType()!;
                if (_literals.TryRead(argument.Expression, elementType, nullable: false, out var item)) paramsItems.Add(item);
                else ok = false;
                continue;
            }
            else
            {
                diagnostics.Add(CodeIssue.ArgumentMismatch, argument,
                    $"{displayName}(...) takes at most {parameters.Length} argument{(parameters.Length == 1 ? "" : "s")}: {ParameterList(parameters)}.");
                ok = false;
                continue;
            }

            if (given[index])
            {
                diagnostics.Add(CodeIssue.ArgumentMismatch, argument, $"'{parameters[index].Name}' is given twice.");
                ok = false;
                continue;
            }
            given[index] = true;
            // Settings lambdas are read last, so they know which settings the other arguments already gave.
            if (BuilderApi.NodeBuilderOf(parameters[index].ParameterType) is not null) lambdas.Add((index, argument.Expression));
            else if (!TryReadArgument(argument.Expression, parameters[index], configure, presetSettings, out values[index])) ok = false;
            else if (configure?.Positional.FirstOrDefault(p => p.Parameter.Name == parameters[index].Name) is { Setting: { } preset }) presetSettings.Add(preset.Name);
        }
        foreach (var (index, expression) in lambdas)
            if (!TryReadArgument(expression, parameters[index], configure, presetSettings, out values[index])) ok = false;

        for (var i = 0; i < parameters.Length; i++)
        {
            if (given[i]) continue;
            if (i == paramsIndex)
            {
                var array = Array.CreateInstance(parameters[i].ParameterType.GetElementType()!, paramsItems.Count);
                for (var j = 0; j < paramsItems.Count; j++) array.SetValue(paramsItems[j], j);
                values[i] = array;
            }
            else if (parameters[i].HasDefaultValue) values[i] = parameters[i].DefaultValue;
            else
            {
                diagnostics.Add(CodeIssue.ArgumentMismatch, site is InvocationExpressionSyntax invocation ? invocation.ArgumentList : site,
                    $"{displayName}(...) needs its '{parameters[i].Name}' argument: {ParameterList(parameters)}.");
                ok = false;
            }
        }
        return ok ? values : null;
    }

    private bool TryReadArgument(ExpressionSyntax expression, ParameterInfo parameter, NodeAdder? adder, HashSet<string> presetSettings, out object? value)
    {
        if (BuilderApi.NodeBuilderOf(parameter.ParameterType) is null)
        {
            return _literals.TryRead(expression, parameter.ParameterType, BuilderApi.AcceptsNull(parameter), out value);
        }
        value = null;
        if (LiteralReader.Unwrap(expression).IsKind(SyntaxKind.NullLiteralExpression)) return true;
        if (adder is null)
        {
            diagnostics.Add(CodeIssue.InvalidLambda, expression, "A lambda is not allowed here.");
            return false;
        }
        return TryReadSettings(expression, adder, presetSettings, out value);
    }

    /// <summary>Reads p => p.Model("...").User("...") into a delegate that replays those calls on the node's builder.</summary>
    private bool TryReadSettings(ExpressionSyntax expression, NodeAdder adder, HashSet<string> presetSettings, out object? value)
    {
        value = null;
        var kind = adder.Descriptor.DisplayName;
        var lambda = LiteralReader.Unwrap(expression);
        (string Name, CSharpSyntaxNode Body)? parts = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => (simple.Parameter.Identifier.ValueText, simple.Body),
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: [var single] } parenthesized => (single.Identifier.ValueText, parenthesized.Body),
            _ => null,
        };
        if (parts is not var (parameter, body))
        {
            diagnostics.Add(CodeIssue.InvalidLambda, expression, $"The settings of a {kind} node are written as a lambda with one parameter, such as {adder.Example}.");
            return false;
        }
        if (lambda is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: [{ Type: { } declared }] } && !NamesType(declared, adder.BuilderType))
        {
            diagnostics.Add(CodeIssue.InvalidLambda, declared, $"The settings lambda's parameter is a {adder.BuilderType.Name}; write it as {adder.Example}.");
            return false;
        }
        if (((LambdaExpressionSyntax)lambda).AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
        {
            diagnostics.Add(CodeIssue.InvalidLambda, lambda, $"The settings lambda cannot be async; write it as {adder.Example}.");
            return false;
        }
        if (body is not ExpressionSyntax chain)
        {
            diagnostics.Add(CodeIssue.InvalidLambda, body, $"Write the settings as one chain without braces, such as {adder.Example}.");
            return false;
        }

        var calls = new List<InvocationExpressionSyntax>();
        var current = LiteralReader.Unwrap(chain);
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access } call)
        {
            calls.Add(call);
            current = LiteralReader.Unwrap(access.Expression);
        }
        if (current is not IdentifierNameSyntax root || root.Identifier.ValueText != parameter)
        {
            diagnostics.Add(current is InvocationExpressionSyntax ? CodeIssue.MethodCall : CodeIssue.InvalidLambda, current,
                $"The settings chain must start from the lambda's parameter '{parameter}', as in {adder.Example}; '{DiagnosticBag.Show(current)}' is something else.");
            return false;
        }
        calls.Reverse();

        var ok = true;
        var steps = new List<(MethodInfo Method, object?[] Arguments)>();
        var set = new HashSet<string>(presetSettings, StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var name = ((MemberAccessExpressionSyntax)call.Expression).Name;
            var methodName = name.Identifier.ValueText;
            if (name is GenericNameSyntax || !adder.SettingMethods.TryGetValue(methodName, out var method))
            {
                diagnostics.Add(CodeIssue.UnknownMethod, name,
                    $"{kind} nodes have no setting '{methodName}'; their settings are {string.Join(", ", adder.SettingMethods.Keys.Order(StringComparer.Ordinal))}.");
                ok = false;
                continue;
            }
            var arguments = Bind(method.GetParameters(), methodName, call.ArgumentList, call, configure: null);
            if (arguments is null)
            {
                ok = false;
                continue;
            }
            var setting = adder.Descriptor.FindSetting(methodName);
            var key = setting is null ? methodName : setting.Name;
            if (setting is not null && arguments is [string entry, _] && setting.ValueType.IsGenericType && setting.ValueType.GetGenericTypeDefinition() == typeof(ValueMap<>))
                key += "\n" + entry;
            if (!set.Add(key))
            {
                var what = key.Contains('\n') ? $"'{arguments[0]}' in {methodName}(...)" : $"{setting?.Label ?? methodName}";
                diagnostics.Add(CodeIssue.DuplicateSetting, name, $"{what} is set twice for this {kind} node; keep one.");
                ok = false;
                continue;
            }
            steps.Add((method, arguments));
        }
        if (ok) value = MakeConfigureMethod.MakeGenericMethod(adder.BuilderType).Invoke(null, [steps]);
        return ok;
    }

    private static Func<TBuilder, TBuilder> MakeConfigure<TBuilder>(List<(MethodInfo Method, object?[] Arguments)> steps) => builder =>
    {
        foreach (var (method, arguments) in steps) builder = (TBuilder)method.Invoke(builder, arguments)!;
        return builder;
    };

    private static bool NamesType(TypeSyntax syntax, Type type)
    {
        var text = syntax.ToString().Replace(" ", "", StringComparison.Ordinal);
        if (text.StartsWith("global::", StringComparison.Ordinal)) text = text["global::".Length..];
        return text == type.Name || text == type.FullName;
    }

    private static string ParameterList(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "none" : string.Join(", ", parameters.Select(p => p.HasDefaultValue || p.IsDefined(typeof(ParamArrayAttribute)) ? $"{p.Name} (optional)" : p.Name));

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
