using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Core.Validation;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>
/// The state of one open designer: the workflow (the single source of truth every panel projects), undo/redo history,
/// the selection and the live validation problems. Every change goes through <see cref="Apply"/>.
/// </summary>
public sealed class DesignerSession
{
    private const int HistoryLimit = 200;

    private readonly WorkflowValidator _validator;
    private readonly LinkedList<Workflow> _undo = new();
    private readonly Stack<Workflow> _redo = new();
    private Workflow _saved;
    private readonly Dictionary<IWorkflowCodec, UnreadText> _unread = [];
    private readonly Dictionary<string, string> _offeredSamples = new(StringComparer.Ordinal);

    /// <param name="version">The saved version <paramref name="workflow"/> was opened from, or null when it has none.</param>
    public DesignerSession(Workflow workflow, WorkflowValidator? validator = null, int? version = null)
    {
        _validator = validator ?? new WorkflowValidator();
        Version = version;
        Workflow = EnsureLayout(workflow);
        _saved = Workflow;
        Problems = _validator.Validate(Workflow);
    }

    /// <summary>Raised after every change of workflow or selection; panels re-render from the session.</summary>
    public event Action? Changed;

    public Workflow Workflow { get; private set; }
    /// <summary>
    /// The version this session last opened or saved: the one its edits are based on, so a save can tell whether
    /// someone else saved in between.
    /// </summary>
    public int? Version { get; private set; }
    public IReadOnlyList<ValidationProblem> Problems { get; private set; }
    public IReadOnlyList<string> SelectedNodes { get; private set; } = [];
    /// <summary>The setting the inspector should focus, when a problem about it was clicked.</summary>
    public string? FocusedField { get; private set; }
    public string? LastRefusal { get; private set; }
    /// <summary>Sample values for template variables ("question", "search.text"), shared by the previews and "test this step".</summary>
    public Dictionary<string, string> Samples { get; } = new(StringComparer.Ordinal);
    /// <summary>
    /// Sets the sample values to what the last run was given and gave out, else to the input steps' default values;
    /// a value the user typed stays until they change it back.
    /// </summary>
    public void OfferSamples(IReadOnlyDictionary<string, string> lastRun)
    {
        var offers = new Dictionary<string, string>(lastRun, StringComparer.Ordinal);
        foreach (var input in Workflow.Nodes.OfType<InputNode>())
            if (input.Default is { Length: > 0 } value) offers.TryAdd(input.Id, value);
        foreach (var (name, value) in offers)
        {
            var untouched = !Samples.TryGetValue(name, out var current) || current == _offeredSamples.GetValueOrDefault(name);
            if (untouched) Samples[name] = value;
            _offeredSamples[name] = value;
        }
        Changed?.Invoke();
    }

    /// <summary>The palette entry being dragged onto the canvas.</summary>
    public NodeDescriptor? Dragging { get; set; }

    public Node? SelectedNode => SelectedNodes.Count == 1 ? Workflow.FindNode(SelectedNodes[0]) : null;
    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;
    public bool IsDirty => !Equals(Workflow, _saved);

    public IEnumerable<ValidationProblem> ProblemsFor(string nodeId) => Problems.Where(p => p.NodeId == nodeId);

    /// <summary>What stops the text in a code tab (C#, JSON) from reading; the canvas keeps the last good workflow meanwhile.</summary>
    public IReadOnlyList<TextProblem> TextProblems => [.. _unread.SelectMany(form => form.Value.Problems.Select(p => new TextProblem(form.Key, p)))];

    /// <summary>Validation problems plus the problems of text that does not read, as the Problems tab counts them.</summary>
    public int ProblemCount => Problems.Count + _unread.Sum(form => form.Value.Problems.Count);

    /// <summary>The text of a code tab that does not read yet, kept while the tab is closed so coming back finds it as left.</summary>
    public UnreadText? UnreadTextOf(IWorkflowCodec form) => _unread.GetValueOrDefault(form);

    /// <summary>Records the text of a code tab and what stops it from reading; text that reads (no problems) is the workflow itself.</summary>
    public void SetUnreadText(IWorkflowCodec form, string text, IReadOnlyList<CodeProblem> problems)
    {
        if (problems.Count == 0 && !_unread.ContainsKey(form)) return;
        if (problems.Count == 0) _unread.Remove(form);
        else _unread[form] = new UnreadText(text, problems);
        Changed?.Invoke();
    }

    public void Apply(Workflow next)
    {
        if (Equals(next, Workflow)) return;
        _undo.AddLast(Workflow);
        if (_undo.Count > HistoryLimit) _undo.RemoveFirst();
        _redo.Clear();
        SetWorkflow(next);
    }

    public bool Undo()
    {
        if (_undo.Last is not { } last) return false;
        _undo.RemoveLast();
        _redo.Push(Workflow);
        SetWorkflow(last.Value);
        return true;
    }

    public bool Redo()
    {
        if (!_redo.TryPop(out var next)) return false;
        _undo.AddLast(Workflow);
        SetWorkflow(next);
        return true;
    }

    /// <summary>Takes the current definition as saved; <paramref name="version"/> is the version it became, when known.</summary>
    public void MarkSaved(int? version = null)
    {
        _saved = Workflow;
        if (version is { } saved) Version = saved;
        Changed?.Invoke();
    }

    public void Select(IReadOnlyList<string> nodeIds, string? field = null)
    {
        if (SelectedNodes.SequenceEqual(nodeIds) && field == FocusedField) return;
        SelectedNodes = nodeIds;
        FocusedField = field;
        Changed?.Invoke();
    }

    public string AddNode(NodeDescriptor descriptor, Position position)
    {
        var (next, id) = WorkflowEdits.AddNode(Workflow, descriptor, position);
        Apply(next);
        Select([id]);
        return id;
    }

    /// <summary>Adds a link if the rules allow it; otherwise remembers and returns the reason.</summary>
    public string? Connect(string from, string port, string to)
    {
        var (next, refusal) = WorkflowEdits.Connect(Workflow, from, port, to);
        LastRefusal = refusal;
        if (next is not null) Apply(next);
        else Changed?.Invoke();
        return refusal;
    }

    /// <summary>Shows why a gesture was refused; null clears the message.</summary>
    public void Refuse(string? reason)
    {
        LastRefusal = reason;
        Changed?.Invoke();
    }

    public void Move(IEnumerable<KeyValuePair<string, Position>> positions) => Apply(WorkflowEdits.Move(Workflow, positions));

    public void Delete(IReadOnlyCollection<string> nodeIds, IReadOnlyCollection<Edge> edges)
    {
        var next = WorkflowEdits.RemoveEdges(WorkflowEdits.RemoveNodes(Workflow, nodeIds), edges);
        SelectedNodes = [.. SelectedNodes.Where(id => !nodeIds.Contains(id))];
        Apply(next);
    }

    public string? ReplaceNode(string id, Node replacement)
    {
        var (next, refusal) = WorkflowEdits.ReplaceNode(Workflow, id, replacement);
        if (next is null) return refusal;
        if (replacement.Id != id) SelectedNodes = [.. SelectedNodes.Select(s => s == id ? replacement.Id : s)];
        Apply(next);
        return null;
    }

    public void UpdateSetting(string nodeId, SettingDescriptor setting, object? value)
    {
        if (Workflow.FindNode(nodeId) is not { } node) return;
        ReplaceNode(nodeId, node.Descriptor.With(node, setting, value));
    }

    public void AutoLayout() => Apply(Workflow with { Layout = LayeredLayout.Arrange(Workflow) });

    /// <summary>The selected steps as workflow JSON, for the clipboard.</summary>
    public string? CopySelection() =>
        SelectedNodes.Count == 0 ? null : WorkflowJson.Serialize(WorkflowEdits.Extract(Workflow, SelectedNodes));

    public static readonly Position PasteOffset = new(40, 40);

    /// <summary>Pastes steps copied as workflow JSON; text that is not a workflow is refused with the reason.</summary>
    public string? Paste(string json)
    {
        if (!WorkflowJson.TryDeserialize(json, out var fragment, out var error))
        {
            Refuse($"The clipboard does not hold steps: {error!.Message}");
            return LastRefusal;
        }
        var (next, ids) = WorkflowEdits.Merge(Workflow, fragment!, PasteOffset);
        Apply(next);
        Select(ids);
        return null;
    }

    public void DuplicateSelection()
    {
        if (SelectedNodes.Count == 0) return;
        var (next, ids) = WorkflowEdits.Merge(Workflow, WorkflowEdits.Extract(Workflow, SelectedNodes), PasteOffset);
        Apply(next);
        Select(ids);
    }

    /// <summary>
    /// Replaces the whole definition (from the code panel), keeping canvas positions of steps that still exist: a text
    /// edit never moves a step already on the canvas; steps the text adds without a position go below the drawing.
    /// </summary>
    public void ReplaceDefinition(Workflow parsed)
    {
        var layout = parsed.Layout;
        foreach (var node in parsed.Nodes)
            if (!layout.ContainsKey(node.Id) && Workflow.Layout.TryGetValue(node.Id, out var kept))
                layout = layout.SetItem(node.Id, kept);
        Apply(PlaceNewSteps(parsed with { Layout = layout }));
    }

    private static Workflow PlaceNewSteps(Workflow workflow)
    {
        var missing = workflow.Nodes.Where(n => !workflow.Layout.ContainsKey(n.Id)).Select(n => n.Id).ToList();
        if (missing.Count == 0 || missing.Count == workflow.Nodes.Count) return EnsureLayout(workflow);
        // The layered layout's places for the new steps, in their own band under the steps already placed.
        var arranged = LayeredLayout.Arrange(workflow);
        var band = workflow.Layout.Values.Max(p => p.Y) + NewStepsGap - missing.Min(id => arranged[id].Y);
        var layout = workflow.Layout;
        foreach (var id in missing) layout = layout.SetItem(id, arranged[id] with { Y = arranged[id].Y + band });
        return workflow with { Layout = layout };
    }

    private const double NewStepsGap = 160;

    private void SetWorkflow(Workflow next)
    {
        Workflow = next;
        Problems = _validator.Validate(next);
        LastRefusal = null;
        SelectedNodes = [.. SelectedNodes.Where(id => next.FindNode(id) is not null)];
        Changed?.Invoke();
    }

    /// <summary>Steps without a canvas position (templates, code written by hand) get a fresh layered layout.</summary>
    private static Workflow EnsureLayout(Workflow workflow) =>
        workflow.Nodes.All(n => workflow.Layout.ContainsKey(n.Id))
            ? workflow
            : workflow with { Layout = LayeredLayout.Arrange(workflow) };
}
