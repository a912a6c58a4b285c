using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowStudio.Data;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Web.Security;
using WorkflowStudio.Web.Shell;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// The accounts page over the real application layer, Identity and a SQLite file: each owner action changes the stored
/// account and lands in the audit log without a password; the last owner is kept; other roles are refused.
/// </summary>
public sealed class AccountsPageTests : StudioTestContext, IDisposable
{
    private const string Passphrase = "a long enough passphrase";
    private readonly TempStudioData _data = new();

    public AccountsPageTests()
    {
        Services.AddSingleton(_data.Get<Accounts>());
        Services.AddSingleton(TimeProvider.System);
    }

    private Accounts Accounts => _data.Get<Accounts>();

    private async Task SeedAsync()
    {
        await Accounts.CreateFirstOwnerAsync(UserName, Passphrase);
        await Accounts.CreateAsync("ada", StudioRole.Editor, Passphrase, UserName, StudioRole.Owner);
    }

    private IRenderedComponent<AccountsPage> RenderPage()
    {
        var page = Render<AccountsPage>();
        page.WaitForElement("[data-testid=accounts-table]");
        return page;
    }

    private async Task<bool> PasswordWorksAsync(string userName, string password)
    {
        using var scope = _data.Get<IServiceScopeFactory>().CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, password);
    }

    private async Task<IReadOnlyList<WorkflowStudio.Data.Audit.AuditEntry>> AuditAsync() => await _data.Audit.ListAsync(StudioRole.Owner);

    [Fact]
    public async Task Lists_each_account_with_its_role_last_sign_in_and_state()
    {
        await SeedAsync();
        await _data.Audit.RecordAsync("ada", AuditActions.SignedIn);
        await Accounts.SetLockedAsync("ada", true, UserName, StudioRole.Owner);

        var page = RenderPage();

        var ada = page.Find("[data-testid=accounts-row-ada]");
        Assert.Contains(ada.QuerySelectorAll("input"), i => i.GetAttribute("value") == "Editor");
        Assert.DoesNotContain("never", ada.TextContent);
        Assert.Equal("locked", page.Find("[data-testid=accounts-row-ada-state]").TextContent.Trim());
        Assert.Contains("never", page.Find($"[data-testid=accounts-row-{UserName}]").TextContent);
        Assert.Equal("active", page.Find($"[data-testid=accounts-row-{UserName}-state]").TextContent.Trim());
    }

    [Fact]
    public async Task Adding_without_a_password_shows_a_generated_one_once_and_it_signs_in()
    {
        await SeedAsync();
        var page = RenderPage();

        page.Find("input[data-testid=accounts-new-name]").Input("grace");
        page.Find("[data-testid=accounts-add]").Click();

        var password = page.WaitForElement("[data-testid=accounts-password-text]").TextContent;
        Assert.True(await PasswordWorksAsync("grace", password));
        page.WaitForElement("[data-testid=accounts-row-grace]");
        var created = (await AuditAsync()).First(e => e.Action == AuditActions.AccountCreated && e.Target == "grace");
        Assert.Equal(UserName, created.Actor);
        Assert.DoesNotContain(password, created.Detail);
    }

    [Fact]
    public async Task A_password_the_rules_refuse_is_explained_and_nothing_is_added()
    {
        await SeedAsync();
        var page = RenderPage();

        page.Find("input[data-testid=accounts-new-name]").Input("shorty");
        page.Find("input[data-testid=accounts-new-password]").Change("short");
        page.Find("[data-testid=accounts-add]").Click();

        page.WaitForAssertion(() => Assert.Contains("at least 12 characters", page.Find("[data-testid=accounts-error]").TextContent));
        Assert.DoesNotContain(await Accounts.ListAsync(StudioRole.Owner), a => a.UserName == "shorty");
    }

    [Fact]
    public async Task A_taken_or_malformed_user_name_is_refused_with_identitys_sentence()
    {
        await SeedAsync();
        var page = RenderPage();

        page.Find("input[data-testid=accounts-new-name]").Input("ada");
        page.Find("[data-testid=accounts-add]").Click();
        page.WaitForAssertion(() => Assert.Contains("is already taken", page.Find("[data-testid=accounts-error]").TextContent));

        page.Find("input[data-testid=accounts-new-name]").Input("a <b>");
        page.Find("[data-testid=accounts-add]").Click();
        page.WaitForAssertion(() => Assert.Contains("is invalid", page.Find("[data-testid=accounts-error]").TextContent));
        Assert.Equal(2, (await Accounts.ListAsync(StudioRole.Owner)).Count);
    }

    [Fact]
    public async Task Changing_a_role_is_stored_and_audited()
    {
        await SeedAsync();
        var page = RenderPage();

        var select = page.FindComponents<MudSelect<StudioRole>>().Single(s => s.Instance.UserAttributes.Values.Contains("accounts-row-ada-role"));
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(StudioRole.PromptEditor));

        Assert.Equal(StudioRole.PromptEditor, (await Accounts.ListAsync(StudioRole.Owner)).Single(a => a.UserName == "ada").Role);
        Assert.Contains(await AuditAsync(), e => e is { Action: AuditActions.AccountRoleChanged, Target: "ada", Detail: "Editor → PromptEditor" });
    }

    [Fact]
    public async Task Resetting_a_password_sets_the_owners_choice_and_audits_without_it()
    {
        await SeedAsync();
        var page = RenderPage();

        page.Find("[data-testid=accounts-row-ada-reset]").Click();
        page.Find("input[data-testid=accounts-reset-password]").Change("another long passphrase");
        page.Find("[data-testid=accounts-confirm-reset]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=accounts-pending]")));
        Assert.True(await PasswordWorksAsync("ada", "another long passphrase"));
        Assert.False(await PasswordWorksAsync("ada", Passphrase));
        var reset = (await AuditAsync()).Single(e => e.Action == AuditActions.AccountPasswordReset);
        Assert.Equal(("ada", "password set by the owner"), (reset.Target, reset.Detail));
    }

    [Fact]
    public async Task Locking_and_unlocking_show_in_the_state_and_the_audit_log()
    {
        await SeedAsync();
        var page = RenderPage();

        page.Find("[data-testid=accounts-row-ada-lock]").Click();
        page.WaitForAssertion(() => Assert.Equal("locked", page.Find("[data-testid=accounts-row-ada-state]").TextContent.Trim()));
        Assert.True((await Accounts.ListAsync(StudioRole.Owner)).Single(a => a.UserName == "ada").IsLockedOut(DateTimeOffset.UtcNow));

        page.Find("[data-testid=accounts-row-ada-unlock]").Click();
        page.WaitForAssertion(() => Assert.Equal("active", page.Find("[data-testid=accounts-row-ada-state]").TextContent.Trim()));
        Assert.Equal([AuditActions.AccountUnlocked, AuditActions.AccountLocked],
            (await AuditAsync()).Where(e => e.Target == "ada" && e.Action.StartsWith("account.", StringComparison.Ordinal) && e.Action != AuditActions.AccountCreated).Select(e => e.Action));
    }

    [Fact]
    public async Task Your_own_account_offers_no_lock()
    {
        await SeedAsync();
        var page = RenderPage();

        Assert.True(page.Find($"[data-testid=accounts-row-{UserName}-lock]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=accounts-row-ada-lock]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Deleting_asks_first_then_removes_the_account()
    {
        await SeedAsync();
        var page = RenderPage();

        page.Find("[data-testid=accounts-row-ada-delete]").Click();
        Assert.Contains("ada", page.Find("[data-testid=accounts-pending]").TextContent);
        Assert.Equal(2, (await Accounts.ListAsync(StudioRole.Owner)).Count);
        page.Find("[data-testid=accounts-confirm-delete]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=accounts-row-ada]")));
        Assert.Contains(await AuditAsync(), e => e is { Action: AuditActions.AccountDeleted, Target: "ada", Actor: UserName });
    }

    [Fact]
    public async Task The_last_owner_is_never_deleted_demoted_or_locked()
    {
        await SeedAsync();
        var page = RenderPage();

        page.Find($"[data-testid=accounts-row-{UserName}-delete]").Click();
        page.Find("[data-testid=accounts-confirm-delete]").Click();
        page.WaitForAssertion(() => Assert.Contains("last owner", page.Find("[data-testid=accounts-error]").TextContent));
        var demote = await Assert.ThrowsAsync<StoreException>(() => Accounts.SetRoleAsync(UserName, StudioRole.Editor, UserName, StudioRole.Owner));
        Assert.Equal(StoreErrorKind.Conflict, demote.Kind);
        await Assert.ThrowsAsync<StoreException>(() => Accounts.SetLockedAsync(UserName, true, "someone else", StudioRole.Owner));

        // With a second owner, an owner may leave.
        await Accounts.SetRoleAsync("ada", StudioRole.Owner, UserName, StudioRole.Owner);
        await Accounts.DeleteAsync(UserName, UserName, StudioRole.Owner);
        Assert.Equal(["ada"], (await Accounts.ListAsync(StudioRole.Owner)).Select(a => a.UserName));
    }

    [Theory]
    [InlineData(StudioRole.Editor)]
    [InlineData(StudioRole.PromptEditor)]
    [InlineData(StudioRole.Viewer)]
    public async Task Other_roles_are_refused_every_action_and_do_not_see_the_link(StudioRole role)
    {
        await SeedAsync();
        AddAuthorization().SetAuthorized("ed").SetRoles(role.ToString());

        var page = Render<AccountsPage>();
        page.WaitForAssertion(() => Assert.Contains("Only owners may see the accounts", page.Find("[data-testid=accounts-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=accounts-table]"));
        Assert.Empty(Render<NavMenu>().FindAll("[data-testid=nav-accounts]"));

        var refusals = new Func<Task>[]
        {
            () => Accounts.CreateAsync("mallory", StudioRole.Owner, Passphrase, "ed", role),
            () => Accounts.SetRoleAsync("ada", StudioRole.Owner, "ed", role),
            () => Accounts.ResetPasswordAsync("ada", "mallory's passphrase", "ed", role),
            () => Accounts.SetLockedAsync("ada", true, "ed", role),
            () => Accounts.DeleteAsync("ada", "ed", role),
        };
        foreach (var refused in refusals)
            Assert.Equal(StoreErrorKind.Forbidden, (await Assert.ThrowsAsync<StoreException>(refused)).Kind);
        Assert.True(await PasswordWorksAsync("ada", Passphrase));
        Assert.Equal([StudioRole.Owner, StudioRole.Editor], (await Accounts.ListAsync(StudioRole.Owner)).OrderBy(a => a.Role).Select(a => a.Role));
    }

    void IDisposable.Dispose() => _data.Dispose();
}
