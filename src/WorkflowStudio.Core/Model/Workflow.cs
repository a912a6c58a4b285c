namespace WorkflowStudio.Core.Model;

/// <summary>
/// The one model of a workflow: the canvas, the C# definition, the JSON file and the database are projections of it.
/// </summary>
public sealed record Workflow(string Id, string Name)
{
    public string? Description { get; init; }
    public ValueList<Node> Nodes { get; init; } = [];
    public ValueList<Edge> Edges { get; init; } = [];
    /// <summary>Canvas positions by node id; kept apart from the nodes so the recipe stays readable.</summary>
    public ValueMap<Position> Layout { get; init; } = ValueMap<Position>.Empty;

    public IEnumerable<InputNode> Inputs => Nodes.OfType<InputNode>();
    public IEnumerable<OutputNode> Outputs => Nodes.OfType<OutputNode>();

    public Node? FindNode(string id)
    {
        foreach (var node in Nodes)
            if (node.Id == id) return node;
        return null;
    }
}

/// <summary>Connects an output port of one node to another node. A back-edge (one that closes a cycle) must carry <see cref="MaxLoops"/>.</summary>
public sealed record Edge(string From, string To, string Port = PortNames.Out, int? MaxLoops = null)
{
    public override string ToString() => Port == PortNames.Out ? $"{From} -> {To}" : $"{From}.{Port} -> {To}";
}

public readonly record struct Position(double X, double Y);

/// <summary>Well-known port names.</summary>
public static class PortNames
{
    public const string In = "in";
    public const string Out = "out";
    public const string True = "true";
    public const string False = "false";
    public const string Pass = "pass";
    public const string Fail = "fail";
}
