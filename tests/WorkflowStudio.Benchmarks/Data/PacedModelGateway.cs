using System.Diagnostics;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Benchmarks.Data;

/// <summary>
/// Streams a fixed number of one-word deltas at a steady rate, catching up after a late timer rather than drifting,
/// so the hub sees the requested events per second on average.
/// </summary>
internal sealed class PacedModelGateway(int words, double perSecond) : IModelGateway
{
    public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < words; i++)
        {
            var wait = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (wait >= TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken);
            onDelta?.Invoke("w ");
        }
        return new ModelResponse(string.Concat(Enumerable.Repeat("w ", words)), request.Model) { OutputTokens = words };
    }
}
