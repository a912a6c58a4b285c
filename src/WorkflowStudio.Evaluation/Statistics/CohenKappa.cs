namespace WorkflowStudio.Evaluation.Statistics;

/// <param name="Matrix">Counts by [first rater's label, second rater's label], in the order of <paramref name="Labels"/>.</param>
public sealed record Agreement(IReadOnlyList<string> Labels, int[,] Matrix, int Items, double Observed, double Expected, double Kappa)
{
    /// <summary>κ ≥ 0.6 ("substantial" agreement) is where a judge is trusted to stand in for people.</summary>
    public const double TrustedKappa = 0.6;

    public bool Trusted => Kappa >= TrustedKappa;
}

/// <summary>Cohen's κ between two raters (say, a judge and a person) over the same items: agreement beyond chance.</summary>
public static class CohenKappa
{
    public static Agreement Compute(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        if (first.Count != second.Count) throw new ArgumentException("Both raters must label the same items.");
        if (first.Count == 0) throw new ArgumentException("Label at least one item.");
        var labels = first.Concat(second).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var matrix = new int[labels.Count, labels.Count];
        for (var i = 0; i < first.Count; i++) matrix[index[first[i]], index[second[i]]]++;

        double n = first.Count, observed = 0, expected = 0;
        for (var k = 0; k < labels.Count; k++)
        {
            observed += matrix[k, k];
            double rows = 0, columns = 0;
            for (var j = 0; j < labels.Count; j++) { rows += matrix[k, j]; columns += matrix[j, k]; }
            expected += rows / n * (columns / n);
        }
        observed /= n;
        // Both raters always gave the same single label: chance agreement is total, and agreement is perfect.
        var kappa = expected >= 1 ? 1 : (observed - expected) / (1 - expected);
        return new Agreement(labels, matrix, first.Count, observed, expected, kappa);
    }
}
