namespace WorkflowStudio.Testing.Loopback;

public enum FaultKind { RateLimited, ServerError, Hang, CutStream }

/// <summary>
/// Fails <paramref name="Rate"/> of the requests for <paramref name="Model"/> (every model when null), each fault
/// drawn evenly from <paramref name="Kinds"/>: a 429 asking to wait <paramref name="RetryAfterMs"/>, a 500, a request
/// that never answers, or a stream cut midway. Seeded, so a run of the test meets the same faults in the same order.
/// </summary>
public sealed record FaultInjection(double Rate, string? Model = null, int Seed = 13, int RetryAfterMs = 20)
{
    private readonly Random _random = new(Seed);

    public IReadOnlyList<FaultKind> Kinds { get; init; } = Enum.GetValues<FaultKind>();

    /// <summary>Whether the next request fails, and how.</summary>
    public bool Next(out FaultKind kind)
    {
        lock (_random)
        {
            kind = Kinds[_random.Next(Kinds.Count)];
            return _random.NextDouble() < Rate;
        }
    }
}
