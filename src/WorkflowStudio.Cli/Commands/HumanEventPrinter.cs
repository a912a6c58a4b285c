using System.Globalization;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Cli.Commands;

/// <summary>A readable live trace: one line per step, streamed text as it arrives, outputs at the end.</summary>
internal sealed class HumanEventPrinter(TextWriter output)
{
    private string? _streaming;

    public void Print(RunEvent e)
    {
        if (e is not NodeDelta && _streaming is not null)
        {
            output.WriteLine();
            _streaming = null;
        }
        switch (e)
        {
            case RunStarted s:
                output.WriteLine($"run {s.RunId} of '{s.WorkflowId}'");
                break;
            case NodeStarted s:
                output.WriteLine($"  > {s.NodeId} ({s.Kind}){Iteration(s)}");
                break;
            case NodeDelta d:
                if (_streaming != d.NodeId) output.Write("    ");
                _streaming = d.NodeId;
                output.Write(d.Text.ReplaceLineEndings("\n    "));
                break;
            case NodeRetrying r:
                output.WriteLine($"  ~ {r.NodeId} retry {r.Attempt}: {r.Reason}");
                break;
            case NodeCompleted c:
                output.WriteLine($"  ok {c.NodeId}{Iteration(c)} {Ms(c.Latency)}{Usage(c)}{(c.Port is null or "out" ? "" : " -> " + c.Port)}");
                break;
            case NodeSkipped s:
                output.WriteLine($"  - {s.NodeId} skipped (no path led here)");
                break;
            case NodeFailed f:
                output.WriteLine($"  FAILED {f.NodeId}{Iteration(f)} [{f.Code}]: {f.Message}");
                break;
            case RunCompleted c:
                output.WriteLine($"completed in {Ms(c.Duration)}");
                foreach (var (name, value) in c.Outputs) output.WriteLine($"{name}:\n{value}\n");
                break;
            case RunFailed f:
                output.WriteLine($"failed [{f.Code}] after {Ms(f.Duration)}: {f.Message}");
                break;
            case RunCancelled c:
                output.WriteLine($"cancelled after {Ms(c.Duration)}: {c.Reason}");
                break;
        }
    }

    private static string Iteration(RunEvent e) => e.Iteration > 1 ? $" #{e.Iteration}" : "";

    private static string Ms(TimeSpan t) => t.TotalSeconds >= 1
        ? t.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture)
        : t.TotalMilliseconds.ToString("0.# ms", CultureInfo.InvariantCulture);

    private static string Usage(NodeCompleted c) =>
        c.Model is null ? "" : $"  {c.Model} {c.InputTokens}->{c.OutputTokens} tokens ${c.Cost.ToString("0.######", CultureInfo.InvariantCulture)}{(c.FallbackFrom is { } asked ? $" (fallback for {asked})" : "")}{(c.SemanticCacheHit ? " (semantic cache hit)" : c.CacheHit ? " (cache hit)" : "")}";
}
