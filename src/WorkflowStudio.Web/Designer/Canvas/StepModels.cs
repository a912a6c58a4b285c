using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Web.Designer.Canvas;

/// <summary>Says why a link from <paramref name="source"/> to a step (dropped on <paramref name="targetPort"/>, or on its body) is refused, or null.</summary>
public delegate string? LinkRule(StepPortModel source, StepNodeModel target, StepPortModel? targetPort);

/// <summary>A workflow step as the diagram library sees it; the diagram id is the step id.</summary>
public sealed class StepNodeModel : NodeModel
{
    public StepNodeModel(Node step, Position position, LinkRule linkRule)
        : base(step.Id, new Point(position.X, position.Y))
    {
        Step = step;
        // The widget's geometry is fixed by designer.css, so size and port places are known here: the library then
        // needs no resize observer per step and no measuring round trip per port, which is what makes large flows open fast.
        ControlledSize = true;
        Size = StepGeometry.Size(step.Descriptor);
        if (step.Descriptor.HasInput)
            InputPort = (StepPortModel)AddPort(StepGeometry.Place(new StepPortModel(this, PortNames.In, isInput: true, linkRule), 0));
        var row = 0;
        foreach (var port in step.Descriptor.OutputPorts)
            OutputPorts.Add((StepPortModel)AddPort(StepGeometry.Place(new StepPortModel(this, port, isInput: false, linkRule), row++)));
    }

    public Node Step { get; set; }
    public IReadOnlyList<ValidationProblem> Problems { get; set; } = [];
    public StepPortModel? InputPort { get; }
    public List<StepPortModel> OutputPorts { get; } = [];

    public StepPortModel? OutputPort(string name) => OutputPorts.FirstOrDefault(p => p.Name == name);
}

/// <summary>A named port. Whether a link may attach is decided by the designer's link rules, which also say why not.</summary>
public sealed class StepPortModel(StepNodeModel parent, string name, bool isInput, LinkRule linkRule)
    : PortModel($"{parent.Id}:{name}", parent, isInput ? PortAlignment.Left : PortAlignment.Right)
{
    public string Name { get; } = name;
    public bool IsInput { get; } = isInput;
    public StepNodeModel Step => (StepNodeModel)Parent;

    /// <summary>Dropping on a step's body means its input port.</summary>
    public override bool CanAttachTo(ILinkable other) => other switch
    {
        StepPortModel port => linkRule(this, port.Step, port) is null,
        StepNodeModel node => linkRule(this, node, node.InputPort) is null,
        _ => false,
    };
}

/// <summary>A drawn link that stands for one edge of the workflow.</summary>
public sealed class StepLinkModel(Edge edge, StepPortModel source, StepPortModel target)
    : LinkModel(new SinglePortAnchor(source), new SinglePortAnchor(target))
{
    public Edge Edge { get; } = edge;
}
