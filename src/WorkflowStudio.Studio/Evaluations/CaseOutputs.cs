using WorkflowStudio.Studio.Versions.Diff;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>
/// One case's output in two evaluations, side by side: the words each side has and the other lacks, and each side's
/// run so its trace opens. The first repeat stands for the case, as in pairwise judging.
/// </summary>
public sealed record CaseOutputs(string CaseId, string BaselineRunId, string CandidateRunId, WordDiff Diff);
