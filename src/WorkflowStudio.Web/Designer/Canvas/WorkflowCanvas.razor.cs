using Blazor.Diagrams;
using Blazor.Diagrams.Options;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Extensions;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Studio.Workflows;
using WorkflowStudio.Web.Designer.Model;
using WorkflowStudio.Web.Shell;

namespace WorkflowStudio.Web.Designer.Canvas;

/// <summary>
/// The canvas, our own seam over the diagram library: it draws the session's workflow and turns gestures
/// (drop, connect, move, select, keys) into session edits. Nothing else in the studio talks to the library.
/// </summary>
public sealed partial class WorkflowCanvas
{
    private const double ZoomStep = 1.2;
    private const double SmallestOpeningZoom = 0.5;
    private const double FitMargin = 40;
    private readonly Dictionary<string, Position> _pendingMoves = new(StringComparer.Ordinal);
    private BlazorDiagram _diagram = null!;
    private DesignerSession? _subscribed;
    private bool _syncing;
    private ElementReference _element;
    private bool _framed;
    private bool _pointerDown;
    private double _lastWidth;
    private bool _selectionPending;
    private string? _pendingRefusal;
    private ShortcutKeys? _keys;

    // The key combinations the designer answers, in the form studio.shortcuts.attach reports them.
    private static readonly string[] Shortcuts =
        ["delete", "backspace", "ctrl+z", "ctrl+shift+z", "ctrl+y", "ctrl+d", "f", "l", "ctrl+c", "ctrl+v", "ctrl+s", "?", "shift+?"];

    [Parameter, EditorRequired] public DesignerSession Session { get; set; } = null!;

    /// <summary>Keys the canvas does not handle itself (copy, paste, help) go to the page.</summary>
    [Parameter] public EventCallback<string> OnShortcut { get; set; }

    protected override void OnInitialized()
    {
        _diagram = new BlazorDiagram(new BlazorDiagramOptions
        {
            AllowMultiSelection = true,
            Zoom = { Enabled = true, Inverse = false, Minimum = 0.1, Maximum = 3 },
            // Steps outside the view are not rendered; their links still are, since port places are known without the DOM.
            Virtualization = { Enabled = true, OnNodes = true },
            Links =
            {
                DefaultRouter = new NormalRouter(),
                DefaultPathGenerator = new SmoothPathGenerator(),
                RequireTarget = true,
            },
        });
        _diagram.RegisterComponent<StepNodeModel, StepNodeWidget>();
        // Deleting goes through the session so it is one undoable step, not one per removed model.
        _diagram.GetBehavior<KeyboardShortcutsBehavior>()?.RemoveShortcut("Delete", false, false, false);
        _diagram.Links.Added += OnLinkAdded;
        _diagram.Links.Removed += OnLinkRemoved;
        _diagram.SelectionChanged += OnSelectionChanged;
        _diagram.PointerDown += OnPointerDown;
        _diagram.PointerUp += OnPointerUp;
        _diagram.ContainerChanged += OnContainerChanged;
    }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_subscribed, Session)) return;
        if (_subscribed is not null) _subscribed.Changed -= OnSessionChanged;
        _subscribed = Session;
        Session.Changed += OnSessionChanged;
        Sync();
    }

    /// <summary>Frames the whole workflow, whatever is selected (the library's own fit frames only the selection).</summary>
    public async Task FitToScreenAsync()
    {
        // The canvas narrows as the inspector opens, and the library hears of the new size a round trip later: a Fit
        // pressed in between frames the canvas as it is laid out now.
        if (await JS.InvokeAsync<Rectangle?>("studio.canvasBounds", _element) is { } now) _diagram.SetContainer(now);
        Frame(_diagram.Options.Zoom.Minimum, _diagram.Options.Zoom.Maximum);
    }

    private void OnContainerChanged()
    {
        FrameOnOpen();
        KeepSelectionInView();
        _lastWidth = _diagram.Container?.Width ?? 0;
    }

    // Selecting a step opens the inspector, which narrows the canvas from the right: a step picked near the right edge
    // would end up under the panel it opened, so the view slides left just enough to show it whole. Only then: not
    // while a gesture is under way, not when the canvas is hidden (bottom panel maximised), never past the step's left edge.
    private void KeepSelectionInView()
    {
        if (_pointerDown || _diagram.Container is not { } view || view.Width <= 2 * FitMargin || view.Width >= _lastWidth) return;
        if (_diagram.Nodes.Count(n => n.Selected) != 1) return;
        var node = _diagram.Nodes.First(n => n.Selected);
        var zoom = _diagram.Zoom;
        var left = node.Position.X * zoom + _diagram.Pan.X;
        var right = (node.Position.X + node.Size!.Width) * zoom + _diagram.Pan.X;
        var slide = Math.Min(right - (view.Width - FitMargin), left - FitMargin);
        if (slide > 0) _diagram.SetPan(_diagram.Pan.X - slide, _diagram.Pan.Y);
    }

    // Once the canvas knows its size: the whole workflow, fitted, at natural size at most. Not below half size, where a
    // long workflow's steps would be too small to pick (then its start is shown); the templates fit whole above it.
    private void FrameOnOpen()
    {
        // Only the first measure: later ones come from the inspector or bottom panel resizing the canvas, and a blank
        // workflow's first dropped step must stay where it was dropped.
        if (_framed || _diagram.Container is null) return;
        _framed = true;
        Frame(SmallestOpeningZoom, 1);
    }

    private void Frame(double smallest, double largest)
    {
        if (_diagram.Container is not { } view || _diagram.Nodes.Count == 0) return;
        var bounds = _diagram.Nodes.GetBounds();
        // The margin is in screen pixels, whatever the zoom.
        var zoom = Math.Clamp(Math.Min((view.Width - 2 * FitMargin) / bounds.Width, (view.Height - 2 * FitMargin) / bounds.Height), smallest, largest);
        _diagram.SetZoom(zoom);
        _diagram.SetPan(Offset(bounds.Left, bounds.Width, view.Width, zoom), Offset(bounds.Top, bounds.Height, view.Height, zoom));
    }

    // Centred along an axis where the workflow fits, else its start at the margin.
    private static double Offset(double start, double length, double room, double zoom) =>
        length * zoom + 2 * FitMargin <= room + 1 ? (room - length * zoom) / 2 - start * zoom : FitMargin - start * zoom;

    public void ZoomIn() => _diagram.SetZoom(Math.Min(_diagram.Options.Zoom.Maximum, _diagram.Zoom * ZoomStep));

    public void ZoomOut() => _diagram.SetZoom(_diagram.Zoom / ZoomStep);

    public double Zoom => _diagram.Zoom;

    /// <summary>Deletes the selected steps and links as one undoable change.</summary>
    public void DeleteSelection()
    {
        var nodes = _diagram.Nodes.OfType<StepNodeModel>().Where(n => n.Selected).Select(n => n.Id).ToList();
        var edges = _diagram.Links.OfType<StepLinkModel>().Where(l => l.Selected).Select(l => l.Edge).ToList();
        if (nodes.Count + edges.Count > 0) Session.Delete(nodes, edges);
    }

    private void OnSessionChanged() => InvokeAsync(() =>
    {
        Sync();
        StateHasChanged();
    });

    /// <summary>Brings the drawing in line with the workflow: the workflow is the truth, the diagram a projection.</summary>
    private void Sync()
    {
        var workflow = Session.Workflow;
        _syncing = true;
        try
        {
            _diagram.Batch(() =>
            {
                SyncNodes(workflow);
                SyncLinks(workflow);
                SyncSelection();
            });
        }
        finally
        {
            _syncing = false;
        }
    }

    private void SyncNodes(Workflow workflow)
    {
        var wanted = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes) wanted.TryAdd(node.Id, node);
        foreach (var model in _diagram.Nodes.OfType<StepNodeModel>().ToList())
            if (!wanted.TryGetValue(model.Id, out var node) || node.GetType() != model.Step.GetType())
                _diagram.Nodes.Remove(model);

        var drawn = _diagram.Nodes.OfType<StepNodeModel>().ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var node in wanted.Values)
        {
            var position = workflow.Layout.TryGetValue(node.Id, out var p) ? p : new Position(0, 0);
            var problems = Session.ProblemsFor(node.Id).ToList();
            if (drawn.TryGetValue(node.Id, out var model))
            {
                var changed = !Equals(model.Step, node) || !model.Problems.SequenceEqual(problems);
                model.Step = node;
                model.Problems = problems;
                if (!model.Position.X.Equals(position.X) || !model.Position.Y.Equals(position.Y))
                {
                    model.SetPosition(position.X, position.Y);
                    model.RefreshAll();
                }
                else if (changed)
                    model.Refresh();
            }
            else
            {
                model = new StepNodeModel(node, position, CheckLink) { Problems = problems };
                // Before the canvas knows its size nothing is drawn; virtualisation then shows what is in view, so
                // opening a large workflow renders a screenful of steps, not all of them.
                if (_diagram.Container is null) model.Visible = false;
                model.Moved += OnNodeMoved;
                _diagram.Nodes.Add(model);
            }
        }
    }

    private void SyncLinks(Workflow workflow)
    {
        var edges = workflow.Edges.ToHashSet();
        foreach (var link in _diagram.Links.ToList())
            if (link is not StepLinkModel step || !edges.Contains(step.Edge))
                _diagram.Links.Remove(link);

        var drawn = _diagram.Links.OfType<StepLinkModel>().Select(l => l.Edge).ToHashSet();
        var nodes = _diagram.Nodes.OfType<StepNodeModel>().ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var edge in workflow.Edges)
        {
            if (drawn.Contains(edge)) continue;
            // Edges the canvas cannot draw (unknown step or port) stay in the problems list instead.
            if (!nodes.TryGetValue(edge.From, out var from) || from.OutputPort(edge.Port) is not { } source) continue;
            if (!nodes.TryGetValue(edge.To, out var to) || to.InputPort is not { } target) continue;
            var link = new StepLinkModel(edge, source, target) { TargetMarker = LinkMarker.Arrow };
            if (edge.MaxLoops is { } max)
            {
                link.AddLabel($"≤ {max}×");
                link.AddVertex();
                link.AddVertex();
            }
            _diagram.Links.Add(link);
            drawn.Add(edge);
        }
        foreach (var link in _diagram.Links.OfType<StepLinkModel>())
            if (link.Vertices.Count == 2) RouteLoop(link);
    }

    // A loop goes back to the left; routed under both steps it stays clear of the forward links it crosses.
    private static void RouteLoop(StepLinkModel link)
    {
        var from = ((SinglePortAnchor)link.Source).Port.Parent;
        var to = ((SinglePortAnchor)link.Target).Port.Parent;
        var below = Math.Max(Bottom(from), Bottom(to)) + LoopClearance;
        var start = new Point(from.Position.X + StepGeometry.Width + LoopClearance, below);
        var end = new Point(to.Position.X - LoopClearance, below);
        if (!link.Vertices[0].Position.Equals(start)) link.Vertices[0].SetPosition(start.X, start.Y);
        if (!link.Vertices[1].Position.Equals(end)) link.Vertices[1].SetPosition(end.X, end.Y);
    }

    private const double LoopClearance = 50;

    private static double Bottom(NodeModel node) => node.Position.Y + node.Size!.Height;

    private void SyncSelection()
    {
        var selected = Session.SelectedNodes.ToHashSet(StringComparer.Ordinal);
        foreach (var model in _diagram.Nodes.OfType<StepNodeModel>())
        {
            var want = selected.Contains(model.Id);
            if (model.Selected == want) continue;
            if (want) _diagram.SelectModel(model, unselectOthers: false);
            else _diagram.UnselectModel(model);
        }
    }

    private string? CheckLink(StepPortModel source, StepNodeModel target, StepPortModel? targetPort)
    {
        var reason = source.IsInput
            ? "Links start at an output port, on the right of a step."
            : targetPort is { IsInput: false }
                ? "Links end at the input port, on the left of a step."
                : LinkRules.Refusal(Session.Workflow, source.Step.Id, source.Name, target.Id);
        _pendingRefusal = reason;
        return reason;
    }

    private void OnLinkAdded(BaseLinkModel link)
    {
        if (_syncing || link is StepLinkModel) return;
        _pendingRefusal = null;
        link.TargetAttached += OnTargetAttached;
    }

    private void OnLinkRemoved(BaseLinkModel link)
    {
        if (_syncing || link is StepLinkModel) return;
        link.TargetAttached -= OnTargetAttached;
        if (_pendingRefusal is { } reason)
        {
            _pendingRefusal = null;
            Session.Refuse(reason);
        }
    }

    private void OnTargetAttached(BaseLinkModel link)
    {
        link.TargetAttached -= OnTargetAttached;
        var source = (link.Source as SinglePortAnchor)?.Port as StepPortModel;
        var target = link.Target switch
        {
            SinglePortAnchor { Port: StepPortModel port } => port,
            ShapeIntersectionAnchor { Node: StepNodeModel node } => node.InputPort,
            _ => null,
        };
        _ = ConnectAfterGestureAsync(source, target);
    }

    // The library is still finishing the pointer-up when the link attaches; the session edit (which redraws links) waits for it.
    private async Task ConnectAfterGestureAsync(StepPortModel? source, StepPortModel? target)
    {
        await Task.Yield();
        if (source is null || target is null)
        {
            Session.Refuse("Drop the link on the input port, on the left of a step.");
            return;
        }
        Session.Connect(source.Step.Id, source.Name, target.Step.Id);
    }

    private void OnNodeMoved(MovableModel model)
    {
        if (model is StepNodeModel node) _pendingMoves[node.Id] = new Position(Math.Round(node.Position.X), Math.Round(node.Position.Y));
    }

    // A drag of several selected steps reports one move per step; they become one undoable change here.
    private void OnPointerDown(Blazor.Diagrams.Core.Models.Base.Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        // A press released outside the canvas never reported its release: its selection is the one to keep.
        PublishSelection();
        _pointerDown = true;
    }

    private void OnPointerUp(Blazor.Diagrams.Core.Models.Base.Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        _pointerDown = false;
        PublishSelection();
        if (_pendingMoves.Count == 0) return;
        var moves = _pendingMoves.ToList();
        _pendingMoves.Clear();
        Session.Move(moves);
    }

    // A selection made by a press or a box drag reaches the session when the pointer is released: the inspector it
    // opens narrows the canvas, and it must not do so under a drag still in progress.
    private void OnSelectionChanged(SelectableModel model)
    {
        if (_syncing) return;
        _selectionPending = true;
        if (!_pointerDown) PublishSelection();
    }

    private void PublishSelection()
    {
        if (!_selectionPending) return;
        _selectionPending = false;
        Session.Select([.. _diagram.Nodes.OfType<StepNodeModel>().Where(n => n.Selected).Select(n => n.Id)]);
    }

    // Keys are heard on the whole page, not just the focused canvas; the script leaves out keys typed into text fields and the code editor.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _keys = await ShortcutKeys.AttachAsync(JS, this, Shortcuts);
    }

    [JSInvokable]
    public Task OnShortcutKey(string combo)
    {
        switch (combo)
        {
            case "delete" or "backspace":
                DeleteSelection();
                break;
            case "ctrl+shift+z" or "ctrl+y":
                Session.Redo();
                break;
            case "ctrl+z":
                Session.Undo();
                break;
            case "ctrl+d":
                Session.DuplicateSelection();
                break;
            case "f":
                return FitToScreenAsync();
            case "l":
                Session.AutoLayout();
                break;
            default:
                return OnShortcut.InvokeAsync(combo);
        }
        return Task.CompletedTask;
    }

    private void OnDrop(DragEventArgs e)
    {
        if (Session.Dragging is not { } descriptor || _diagram.Container is null) return;
        Session.Dragging = null;
        var point = _diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
        Session.AddNode(descriptor, new Position(Math.Round(point.X), Math.Round(point.Y)));
    }

    /// <summary>Where a step added by clicking the palette goes: the middle of what is on screen, nudged so repeats do not stack.</summary>
    public Position VisibleCentre()
    {
        if (_diagram.Container is not { } c) return new Position(LayeredLayout.Margin, LayeredLayout.Margin);
        var centre = _diagram.GetRelativeMousePoint(c.Left + c.Width / 2, c.Top + c.Height / 3);
        var nudge = Session.Workflow.Nodes.Count % 5 * 30;
        return new Position(Math.Round(centre.X - 110 + nudge), Math.Round(centre.Y + nudge));
    }

    public async ValueTask DisposeAsync()
    {
        Unsubscribe();
        if (_keys is not null) await _keys.DisposeAsync();
    }

    private void Unsubscribe()
    {
        if (_subscribed is not null) _subscribed.Changed -= OnSessionChanged;
        _diagram.Links.Added -= OnLinkAdded;
        _diagram.Links.Removed -= OnLinkRemoved;
        _diagram.SelectionChanged -= OnSelectionChanged;
        _diagram.PointerDown -= OnPointerDown;
        _diagram.PointerUp -= OnPointerUp;
        _diagram.ContainerChanged -= OnContainerChanged;
    }
}
