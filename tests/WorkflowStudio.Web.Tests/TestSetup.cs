using System.Runtime.CompilerServices;
using Bunit;

namespace WorkflowStudio.Web.Tests;

internal static class TestSetup
{
    /// <summary>
    /// Components that debounce (prompt editor, code panel) commit a few hundred milliseconds after typing; on a
    /// loaded 2-core CI machine that can pass bUnit's 1 s default wait. A wait bound is not a timing assertion.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialise() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
}
