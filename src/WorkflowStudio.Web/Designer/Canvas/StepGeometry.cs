using Blazor.Diagrams.Core.Geometry;
using WorkflowStudio.Core.Metadata;

namespace WorkflowStudio.Web.Designer.Canvas;

/// <summary>The step widget's box model, mirrored from designer.css (.step-node, .step-header, .step-preview, .step-port-row).</summary>
public static class StepGeometry
{
    public const double Width = 220;
    public const double PortSize = 14;
    private const double TopBorder = 4;
    private const double Header = 34;
    private const double Preview = 18;
    private const double PortsPaddingTop = 2;
    private const double PortsPaddingBottom = 6;
    private const double Row = 16;
    private const double RowGap = 4;
    private const double BottomBorder = 1;

    public static Size Size(NodeDescriptor descriptor)
    {
        var rows = Math.Max(1, Math.Max(descriptor.HasInput ? 1 : 0, descriptor.OutputPorts.Count));
        return new Size(Width, TopBorder + Header + Preview + PortsPaddingTop + rows * Row + (rows - 1) * RowGap + PortsPaddingBottom + BottomBorder);
    }

    /// <summary>Puts a port where the widget draws it: on the left or right edge, centred on its row.</summary>
    public static StepPortModel Place(StepPortModel port, int row)
    {
        var node = port.Parent.Position;
        var centreY = TopBorder + Header + Preview + PortsPaddingTop + row * (Row + RowGap) + Row / 2;
        var centreX = port.IsInput ? 0 : Width;
        port.Position = new Point(node.X + centreX - PortSize / 2, node.Y + centreY - PortSize / 2);
        port.Size = new Size(PortSize, PortSize);
        port.Initialized = true;
        return port;
    }
}
