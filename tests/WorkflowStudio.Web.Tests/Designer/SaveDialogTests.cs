using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

/// <summary>The question the designer asks before a save or before running unsaved edits.</summary>
public sealed class SaveDialogTests : StudioTestContext
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<(bool Save, string? Message)> Answer)> AskAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        // The answer comes when the dialog closes; the test answers it meanwhile.
        Task<(bool, string?)> answer = null!;
        await provider.InvokeAsync(() => { answer = SaveDialog.AskAsync(dialogs, "Save and run?", "Save and run", "They are saved first."); });
        provider.WaitForAssertion(() => provider.Find("[data-testid=save-dialog]"));
        return (provider, answer);
    }

    [Fact]
    public async Task The_message_typed_is_the_answer_and_an_empty_one_is_none()
    {
        var (provider, answer) = await AskAsync();
        Assert.Equal("Save and run", provider.Find("[data-testid=save-confirm]").TextContent.Trim());
        Assert.Contains("They are saved first.", provider.Find("[data-testid=save-explanation]").TextContent);

        provider.Find("input[data-testid=save-message]").Input("  Shorter answers ");
        provider.Find("[data-testid=save-confirm]").Click();

        Assert.Equal((true, "Shorter answers"), await answer);

        var (again, blank) = await AskAsync();
        again.Find("[data-testid=save-confirm]").Click();
        Assert.Equal((true, (string?)null), await blank);
    }

    [Fact]
    public async Task Cancel_saves_nothing()
    {
        var (provider, answer) = await AskAsync();
        provider.Find("[data-testid=save-cancel]").Click();
        Assert.Equal((false, (string?)null), await answer);
    }
}
