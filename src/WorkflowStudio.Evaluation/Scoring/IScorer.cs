using Microsoft.Extensions.AI.Evaluation;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>
/// A scorer is an <see cref="IEvaluator"/> with one metric, named <see cref="Name"/>: a <see cref="NumericMetric"/>
/// whose interpretation says whether it passed. What it reads (output, expected value, run measures) comes in as
/// the response and <see cref="EvaluationContext"/>s, so any Microsoft.Extensions.AI.Evaluation evaluator fits too.
/// </summary>
public interface IScorer : IEvaluator
{
    string Name { get; }
}
