using Microsoft.Playwright;
using WorkflowStudio.Testing;

namespace WorkflowStudio.E2E.Infrastructure;

/// <summary>
/// One studio process and one Chromium for all journeys; each test opens its own browser context, signed in as the owner
/// (the session is made once through the sign-in page and handed to each context as stored state).
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private string? _data;
    private string? _ownerState;

    public StudioProcess Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}; ./test.sh installs it (apt-get install -y chromium).");
        // Expectations wait on state; a CI machine building other projects can take longer than Playwright's 5 s default to reach it.
        Assertions.SetDefaultExpectTimeout(20_000);
        _data = Directory.CreateTempSubdirectory("studio-e2e-").FullName;
        // The offline model streams slowly enough that a run can be watched, cancelled and reloaded mid-way.
        Server = await StudioProcess.StartAsync(RepoPaths.WebAssembly, _data, "--Studio:Models:Offline:LatencyMsPerToken", "40");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = BrowserArgs,
        });
        _ownerState = await SignInStateAsync(StudioProcess.OwnerUserName, StudioProcess.OwnerPassword);
    }

    public static readonly string[] BrowserArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    /// <summary>A fresh page at a fixed size, so screenshots and canvas coordinates are the same on every run, signed in as the owner.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(_ownerState);

    /// <summary>A fresh page signed in as <paramref name="userName"/>, through the sign-in page as a person would.</summary>
    public async Task<IPage> NewPageAsUserAsync(string userName, string password) => await NewPageAsync(await SignInStateAsync(userName, password));

    /// <summary>A fresh page with no session, for the sign-in page itself.</summary>
    public Task<IPage> NewSignedOutPageAsync() => NewPageAsync(storageState: null);

    private async Task<IPage> NewPageAsync(string? storageState)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = ColorScheme.Light,
            StorageState = storageState,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    private async Task<string> SignInStateAsync(string userName, string password)
    {
        var page = await NewPageAsync(storageState: null);
        await page.SignInAsync(userName, password);
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        try
        {
            if (_data is not null) Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the OS cleans temp eventually.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "studio";
}
