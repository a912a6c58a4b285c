using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace WorkflowStudio.Web.Shell;

/// <summary>Model output rendered as markdown, then sanitised: the text comes from a model and must never run script in the page.</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private static readonly HtmlSanitizer Sanitizer = new();

    public static MarkupString ToHtml(string text) => new(Sanitizer.Sanitize(Markdig.Markdown.ToHtml(text, Pipeline)));
}
