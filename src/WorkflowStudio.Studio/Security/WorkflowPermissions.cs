using WorkflowStudio.Core.Model;
using WorkflowStudio.Data;

namespace WorkflowStudio.Studio.Security;

/// <summary>
/// The rules of <see cref="StudioRole"/> applied to workflow changes, in the save path itself, so a button the page
/// forgot to hide or a hand-written API call meets the same refusal. Refusals are <see cref="StoreException"/>s of kind
/// <see cref="StoreErrorKind.Forbidden"/> with a sentence saying what the role may do instead.
/// </summary>
public static class WorkflowPermissions
{
    public static bool MayRun(StudioRole role) => role != StudioRole.Viewer;

    public static bool MayEditPrompts(StudioRole role) => role != StudioRole.Viewer;

    /// <summary>Create, delete, duplicate, import, rename, tag: whole-workflow changes only editors and owners make.</summary>
    public static void EnsureMayManage(StudioRole role, string what)
    {
        if (role is StudioRole.PromptEditor or StudioRole.Viewer)
            throw new StoreException($"A {Describe(role)} may not {what}; ask an editor.", StoreErrorKind.Forbidden);
    }

    /// <summary>Datasets: the sample values a prompt editor, as the domain expert, keeps as much as an editor does.</summary>
    public static void EnsureMayEditData(StudioRole role, string what)
    {
        if (role is StudioRole.Viewer) throw new StoreException($"A viewer may not {what}; ask an editor.", StoreErrorKind.Forbidden);
    }

    public static void EnsureMayRun(StudioRole role)
    {
        if (!MayRun(role)) throw new StoreException("A viewer may not start runs; ask an editor.", StoreErrorKind.Forbidden);
    }

    /// <summary>Stopping a run changes its outcome, so it takes the role that may start one.</summary>
    public static void EnsureMayCancel(StudioRole role)
    {
        if (!MayRun(role)) throw new StoreException("A viewer may not cancel runs; ask an editor.", StoreErrorKind.Forbidden);
    }

    /// <summary>
    /// Refuses <paramref name="after"/> when <paramref name="role"/> may not turn <paramref name="before"/> into it: a viewer
    /// changes nothing; a prompt editor changes only prompt texts, rubrics, sample (default) values and positions on the canvas.
    /// </summary>
    public static void EnsureMayChange(StudioRole role, Workflow? before, Workflow after)
    {
        if (role is StudioRole.Owner or StudioRole.Editor) return;
        if (role is StudioRole.Viewer) throw new StoreException("A viewer may not change workflows; ask an editor.", StoreErrorKind.Forbidden);
        if (before is null) EnsureMayManage(role, "create workflows");
        if (!WithoutPromptTexts(before!).Equals(WithoutPromptTexts(after)))
            throw new StoreException(
                "A prompt editor may change prompt texts, rubrics and sample values only; this change also touches the steps, links, models, tools or other settings. Ask an editor.",
                StoreErrorKind.Forbidden);
    }

    // What stays when the texts a prompt editor owns are blanked: two versions equal here differ only in those texts.
    private static Workflow WithoutPromptTexts(Workflow workflow) => workflow with
    {
        Layout = ValueMap<Position>.Empty,
        Nodes = [.. workflow.Nodes.Select(n => n switch
        {
            PromptNode p => p with { System = null, User = "" },
            AgentNode a => a with { System = null, User = "" },
            JudgeNode j => j with { Rubric = "" },
            InputNode i => i with { Default = null },
            _ => n,
        })],
    };

    private static string Describe(StudioRole role) => role == StudioRole.PromptEditor ? "prompt editor" : "viewer";
}
