using System.Diagnostics;
using System.Threading.Channels;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Templating;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Running;

/// <summary>
/// The state of one run and its scheduler. One thread at a time drives it (the consumer of the event stream);
/// asynchronous node work reports back through a channel, so all state changes and sequence numbers happen in one place.
/// </summary>
internal sealed class RunExecution
{
    private readonly ExecutionPlan _plan;
    private readonly NodeExecutorRegistry _executors;
    private readonly RunOptions _options;
    private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<RunEvent> _pending = new();
    private readonly Queue<int> _ready = new();
    private readonly SlotState[] _slots;
    private readonly bool[] _edgeResolved;
    private readonly bool[] _edgeFired;
    private readonly int[] _loopCounts;
    private readonly int[] _readersLeft;
    private readonly List<string> _deadEnds = [];
    private readonly long _started;
    private readonly CancellationTokenSource _runCancellation;
    private readonly CancellationToken _callerToken;
    private long _sequence;
    private int _running;
    private bool _begun;
    private bool _finished;

    public RunExecution(ExecutionPlan plan, NodeExecutorRegistry executors, IReadOnlyDictionary<string, string> inputs, RunOptions options, CancellationToken callerToken)
    {
        _plan = plan;
        _executors = executors;
        _options = options;
        _callerToken = callerToken;
        Inputs = inputs;
        RunId = options.RunId ?? Guid.CreateVersion7().ToString("N");
        Resolver = Resolve;
        _started = Stopwatch.GetTimestamp();
        _slots = new SlotState[plan.Slots.Length];
        for (var i = 0; i < _slots.Length; i++)
            _slots[i] = new SlotState(new NodeContext(this, i, plan.Slots[i].Node), executors.Find(plan.Slots[i].Node.GetType()), plan.Slots[i].Incoming.Length);
        _edgeResolved = new bool[plan.EdgeCount];
        _edgeFired = new bool[plan.EdgeCount];
        _loopCounts = new int[plan.EdgeCount];
        _readersLeft = (int[])plan.ReaderCounts.Clone();
        _runCancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        // CancelAfter takes at most about 24.8 days; anything longer means no limit.
        if (options.TimeLimit > TimeSpan.Zero && options.TimeLimit.TotalMilliseconds < int.MaxValue) _runCancellation.CancelAfter(options.TimeLimit);
    }

    public string RunId { get; }
    public IReadOnlyDictionary<string, string> Inputs { get; }
    public Func<string, object?> Resolver { get; }

    public async IAsyncEnumerable<RunEvent> RunAsync()
    {
        try
        {
            while (true)
            {
                while (_pending.TryDequeue(out var e)) yield return e;
                if (_finished) yield break;
                if (!Step() && !await WaitForSignalAsync().ConfigureAwait(false)) Cancel();
            }
        }
        finally
        {
            // Stops in-flight nodes when the run ends or the consumer stops listening.
            _runCancellation.Cancel();
            _runCancellation.Dispose();
        }
    }

    /// <summary>Makes one move of the scheduler; false when there is nothing to do but wait for a node.</summary>
    private bool Step()
    {
        // Every run ends with a terminal event, even when the engine itself trips over something unforeseen.
        try
        {
            if (!_begun) Start();
            else if (_runCancellation.IsCancellationRequested) Cancel();
            else if (_ready.TryDequeue(out var slot)) StartNode(slot);
            else if (_signals.Reader.TryRead(out var signal)) Handle(signal);
            else if (_running == 0) Complete();
            else return false;
        }
        catch (Exception e) when (!_finished)
        {
            Fail("engine_error", $"The run stopped on an unexpected error: {e.Message}");
        }
        return true;
    }

    public object? Resolve(string name)
    {
        if (!_plan.SlotByName.TryGetValue(name, out var slot)) return null;
        var outputs = _slots[slot].Outputs;
        if (outputs is null) return null;
        return _plan.Slots[slot].Node is InputNode ? outputs.GetValueOrDefault("value") : outputs;
    }

    public string? PreviousText(int slot)
    {
        foreach (var incoming in _plan.Slots[slot].Incoming)
            if (_edgeFired[incoming.Edge] && _slots[incoming.Source].Outputs?.GetValueOrDefault("text") is string text)
                return text;
        return null;
    }

    public IEnumerable<IReadOnlyDictionary<string, object?>> Upstream(int slot)
    {
        foreach (var incoming in _plan.Slots[slot].Incoming)
            if (_edgeFired[incoming.Edge] && _slots[incoming.Source].Outputs is { } outputs)
                yield return outputs;
    }

    public void PostDelta(int slot, int iteration, string text) => _signals.Writer.TryWrite(new DeltaSignal(slot, iteration, text));

    private void Start()
    {
        _begun = true;
        Emit(new RunStarted(_plan.Workflow.Id, Inputs));
        var problems = _plan.Problems.Where(p => p.Severity == Severity.Error).ToList();
        if (problems.Count > 0)
        {
            Fail("invalid_workflow", "The workflow has problems to fix before it can run: " + string.Join(" ", problems.Select(p => p.ToString())));
            return;
        }
        var inputProblems = new WorkflowValidator(_options.Limits).ValidateInputs(_plan.Workflow, Inputs);
        if (inputProblems.Count > 0)
        {
            Fail("invalid_input", string.Join(" ", inputProblems.Select(p => p.Message)));
            return;
        }
        if (_options.NodeTimeout is { } nodeTimeout && nodeTimeout <= TimeSpan.Zero)
        {
            Fail("invalid_options", $"The node timeout must be positive; it is {nodeTimeout.TotalSeconds:0.###} s.");
            return;
        }
        var missing = _slots.FirstOrDefault(s => s.Executor is null);
        if (missing is not null)
        {
            Fail("unsupported_node", $"This runner cannot execute '{missing.Context.Node.Id}' ({missing.Context.Node.GetType().Name}).");
            return;
        }
        for (var i = 0; i < _slots.Length; i++)
            if (_slots[i].Pending == 0) _ready.Enqueue(i);
    }

    private void StartNode(int slot)
    {
        var state = _slots[slot];
        var context = state.Context;
        context.Iteration++;
        state.StartedAt = Stopwatch.GetTimestamp();
        IReadOnlyDictionary<string, object?> inputs;
        try
        {
            inputs = state.Executor!.Prepare(context);
        }
        catch (Exception e)
        {
            Emit(new NodeStarted(_plan.Slots[slot].Kind, Executors.Inputs.None) { NodeId = context.Node.Id, Iteration = context.Iteration });
            FailNode(slot, e, attempts: 1);
            return;
        }
        Emit(new NodeStarted(_plan.Slots[slot].Kind, inputs) { NodeId = context.Node.Id, Iteration = context.Iteration });

        var timeout = context.Node.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.NodeTimeout;
        if (timeout is not null || context.Node.Retries > 0 || StreamRestarts > 0)
        {
            _running++;
            _ = RunWithPolicyAsync(slot, inputs, timeout, context.Node.Retries);
            return;
        }

        ValueTask<NodeOutcome> task;
        try
        {
            task = Execute(slot, inputs, _runCancellation.Token);
        }
        catch (Exception e)
        {
            FailNode(slot, e, attempts: 1);
            return;
        }
        if (task.IsCompletedSuccessfully)
        {
            // Deltas a synchronous node streamed are already queued; emit them before its completion.
            while (_signals.Reader.TryRead(out var signal)) Handle(signal);
            CompleteNode(slot, task.Result, attempts: 1);
            return;
        }
        _running++;
        _ = ObserveAsync(slot, task);
    }

    // The scope flows into the executor's awaits and is put back before the scheduler goes on.
    private ValueTask<NodeOutcome> Execute(int slot, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var context = _slots[slot].Context;
        var previous = ModelCallScope.Enter(new ModelCallScope(_plan.Workflow.Id, _options.Version, _options.Tag, RunId, context.Node.Id, context.Iteration)
        {
            Policy = _options.ModelPolicy,
        });
        try
        {
            return _slots[slot].Executor!.ExecuteAsync(context, inputs, cancellationToken);
        }
        finally
        {
            ModelCallScope.Enter(previous);
        }
    }

    private async Task ObserveAsync(int slot, ValueTask<NodeOutcome> task)
    {
        try
        {
            _signals.Writer.TryWrite(new DoneSignal(slot, await task.ConfigureAwait(false), null, 1));
        }
        catch (Exception e)
        {
            _signals.Writer.TryWrite(new DoneSignal(slot, null, e, 1));
        }
    }

    private async Task RunWithPolicyAsync(int slot, IReadOnlyDictionary<string, object?> inputs, TimeSpan? timeout, int retries)
    {
        var state = _slots[slot];
        for (var attempt = 1; ; attempt++)
        {
            Exception error;
            using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(_runCancellation.Token))
            {
                try
                {
                    if (timeout is { } limit) attemptCancellation.CancelAfter(limit);
                    var outcome = await Execute(slot, inputs, attemptCancellation.Token).ConfigureAwait(false);
                    _signals.Writer.TryWrite(new DoneSignal(slot, outcome, null, attempt));
                    return;
                }
                catch (OperationCanceledException) when (!_runCancellation.IsCancellationRequested && timeout is not null)
                {
                    error = new NodeException("timeout", $"Step '{state.Context.Node.Id}' took longer than its {timeout.Value.TotalSeconds:0.###} s timeout.", retryable: true);
                }
                catch (Exception e)
                {
                    error = e;
                }
            }

            if (_runCancellation.IsCancellationRequested) return;
            if (!MayRetry(error, attempt, retries))
            {
                _signals.Writer.TryWrite(new DoneSignal(slot, null, error, attempt));
                return;
            }
            _signals.Writer.TryWrite(new RetryingSignal(slot, state.Context.Iteration, attempt, error.Message));
            var delay = _options.RetryDelay(attempt);
            if (error is ModelException { RetryAfter: { } after } && after > delay) delay = after;
            try
            {
                await Task.Delay(delay, _options.Clock, _runCancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal bool StreamText => _options.StreamText;

    // The gateway retries only calls that streamed nothing; a stream cut midway is restarted here, where the
    // NodeRetrying event tells every viewer that the step's text starts over.
    private int StreamRestarts => _options.ModelPolicy?.Retries ?? 0;

    private bool MayRetry(Exception error, int attempt, int retries) =>
        (attempt <= retries && IsRetryable(error))
        || (attempt <= StreamRestarts && error is ModelException { Code: ModelException.StreamInterrupted });

    private static bool IsRetryable(Exception error) => error switch
    {
        NodeException n => n.Retryable,
        ModelException m => m.Transient,
        TemplateException or ToolException or ArgumentException => false,
        _ => true,
    };

    private async ValueTask<bool> WaitForSignalAsync()
    {
        try
        {
            return await _signals.Reader.WaitToReadAsync(_runCancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Handle(Signal signal)
    {
        switch (signal)
        {
            case DeltaSignal d:
                Emit(new NodeDelta(d.Text) { NodeId = NodeId(d.Slot), Iteration = d.Iteration });
                break;
            case RetryingSignal r:
                Emit(new NodeRetrying(r.Attempt, r.Reason) { NodeId = NodeId(r.Slot), Iteration = r.Iteration });
                break;
            case DoneSignal done:
                _running--;
                if (done.Error is not null) FailNode(done.Slot, done.Error, done.Attempts);
                else CompleteNode(done.Slot, done.Outcome!, done.Attempts);
                break;
        }
    }

    private void CompleteNode(int slot, NodeOutcome outcome, int attempts)
    {
        if (_finished) return;
        if (OutputSize.Exceeds(outcome.Outputs, _options.Limits.MaxOutputChars))
        {
            // Stored and streamed events must stay a size every viewer and the database can take.
            FailNode(slot, new NodeException("output_too_large",
                $"Step '{NodeId(slot)}' produced more than {_options.Limits.MaxOutputChars:N0} characters; ask for a shorter answer or raise the limit."), attempts);
            return;
        }
        var state = _slots[slot];
        var plan = _plan.Slots[slot];
        state.Outputs = outcome.Outputs;
        var usage = outcome.Usage;
        Emit(new NodeCompleted(outcome.Outputs, outcome.Port)
        {
            NodeId = plan.Node.Id,
            Iteration = state.Context.Iteration,
            Latency = Stopwatch.GetElapsedTime(state.StartedAt),
            Attempts = attempts,
            InputTokens = usage?.InputTokens ?? 0,
            OutputTokens = usage?.OutputTokens ?? 0,
            Cost = usage?.Cost ?? 0,
            Model = usage?.Model,
            CacheHit = usage?.CacheHit ?? false,
            SemanticCacheHit = usage?.SemanticCacheHit ?? false,
            TimeToFirstToken = usage?.TimeToFirstToken,
            ModelAttempts = usage?.Attempts ?? 0,
            FallbackFrom = usage?.FallbackFrom,
        });

        foreach (var loop in plan.Loops)
        {
            if (loop.Definition.Port != outcome.Port) continue;
            if (++_loopCounts[loop.Edge] > loop.MaxLoops)
            {
                var message = $"'{plan.Node.Id}' sent the run back to '{loop.Definition.To}' {loop.MaxLoops} time(s), the most this loop allows (maxLoops: {loop.MaxLoops}); the run stops here rather than loop forever.";
                Emit(new NodeFailed("loop_limit", message) { NodeId = plan.Node.Id, Iteration = state.Context.Iteration, Attempts = attempts });
                Fail("loop_limit", message);
                return;
            }
            RestartLoop(loop);
            // The node's other links wait for the iteration that leaves the loop.
            return;
        }

        Release(slot);
        if (outcome.Port is { } port && plan.Forward.Length > 0 && !plan.Forward.Any(e => e.Port == port))
            _deadEnds.Add(DeadEnd(plan.Node.Id, port));
        foreach (var edge in plan.Forward) Resolve(edge, edge.Port == outcome.Port);
    }

    // The run says why it ends empty in the words of the choice that led nowhere: "judge1 failed and its fail port leads nowhere".
    private static string DeadEnd(string nodeId, string port) => port switch
    {
        PortNames.Pass => $"{nodeId} passed",
        PortNames.Fail => $"{nodeId} failed",
        PortNames.True => $"{nodeId} was true",
        PortNames.False => $"{nodeId} was false",
        _ => $"{nodeId} went to {port}",
    } + $" and its {port} port leads nowhere";

    // The event stream already carries every output; the run holds one only while a later step can still read it,
    // so a long run costs the same per step as a short one.
    private void Release(int reader)
    {
        foreach (var source in _plan.Slots[reader].Reads)
            if (--_readersLeft[source] == 0 && !_plan.KeepToEnd[source]) _slots[source].Outputs = null;
        if (_readersLeft[reader] == 0 && !_plan.KeepToEnd[reader]) _slots[reader].Outputs = null;
    }

    private void RestartLoop(LoopEdge loop)
    {
        foreach (var edge in loop.BodyEdges)
        {
            _edgeResolved[edge] = false;
            _edgeFired[edge] = false;
        }
        foreach (var slot in loop.Body)
        {
            var pending = 0;
            foreach (var incoming in _plan.Slots[slot].Incoming)
                if (!_edgeResolved[incoming.Edge]) pending++;
            _slots[slot].Pending = pending;
        }
        _ready.Enqueue(loop.Head);
    }

    private void Resolve(ForwardEdge edge, bool fired)
    {
        if (_edgeResolved[edge.Edge]) return;
        _edgeResolved[edge.Edge] = true;
        _edgeFired[edge.Edge] = fired;
        var target = _slots[edge.Target];
        if (--target.Pending > 0) return;
        if (AnyFired(edge.Target)) _ready.Enqueue(edge.Target);
        else Skip(edge.Target);
    }

    private bool AnyFired(int slot)
    {
        foreach (var incoming in _plan.Slots[slot].Incoming)
            if (_edgeFired[incoming.Edge]) return true;
        return false;
    }

    private void Skip(int slot)
    {
        var plan = _plan.Slots[slot];
        Emit(new NodeSkipped { NodeId = plan.Node.Id, Iteration = _slots[slot].Context.Iteration });
        Release(slot);
        foreach (var edge in plan.Forward) Resolve(edge, fired: false);
    }

    private void FailNode(int slot, Exception error, int attempts)
    {
        if (_finished) return;
        var node = _plan.Slots[slot].Node;
        var code = error switch
        {
            NodeException n => n.Code,
            ModelException m => m.Code,
            ToolException t => t.Code,
            TemplateException => "template_error",
            OperationCanceledException => "cancelled",
            _ => "node_error",
        };
        Emit(new NodeFailed(code, error.Message) { NodeId = node.Id, Iteration = _slots[slot].Context.Iteration, Attempts = attempts });
        Fail(code, $"Step '{node.Id}' failed: {error.Message}");
    }

    private void Complete()
    {
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < _slots.Length; i++)
            if (_plan.Slots[i].Node is OutputNode output && _slots[i].Outputs is { } values)
                outputs[output.Id] = values.GetValueOrDefault("value");
        var note = outputs.Count > 0 || !_plan.Slots.Any(s => s.Node is OutputNode) ? null
            : "completed, but no output was reached: " + (_deadEnds.Count > 0 ? string.Join("; ", _deadEnds) : "every output step was skipped");
        Emit(new RunCompleted(outputs) { Duration = Elapsed, Note = note });
        _finished = true;
    }

    private void Fail(string code, string message)
    {
        Emit(new RunFailed(code, message) { Duration = Elapsed });
        _finished = true;
    }

    private void Cancel()
    {
        if (_callerToken.IsCancellationRequested)
            Emit(new RunCancelled("The run was cancelled.") { Duration = Elapsed });
        else
            Emit(new RunFailed("time_limit", $"The run took longer than its time limit of {_options.TimeLimit.TotalSeconds:0.###} s and was stopped.") { Duration = Elapsed });
        _finished = true;
    }

    private TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    private string NodeId(int slot) => _plan.Slots[slot].Node.Id;

    private void Emit(RunEvent e) =>
        _pending.Enqueue(e with { RunId = RunId, Sequence = ++_sequence, Timestamp = _options.Clock.GetUtcNow() });

    private sealed class SlotState(NodeContext context, INodeExecutor? executor, int pending)
    {
        public NodeContext Context { get; } = context;
        public INodeExecutor? Executor { get; } = executor;
        public int Pending { get; set; } = pending;
        public IReadOnlyDictionary<string, object?>? Outputs { get; set; }
        public long StartedAt { get; set; }
    }

    private abstract record Signal(int Slot);
    private sealed record DeltaSignal(int Slot, int Iteration, string Text) : Signal(Slot);
    private sealed record RetryingSignal(int Slot, int Iteration, int Attempt, string Reason) : Signal(Slot);
    private sealed record DoneSignal(int Slot, NodeOutcome? Outcome, Exception? Error, int Attempts) : Signal(Slot);
}
