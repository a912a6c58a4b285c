namespace WorkflowStudio.Web.Security;

/// <summary>
/// Endpoint metadata for a page that cannot work without an inline script of its own and shows no stored data (the
/// API reference, whose library starts itself inline): its Content-Security-Policy lets inline scripts run.
/// </summary>
public sealed class InlineScriptsAllowed;
