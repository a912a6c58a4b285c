using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.E2E.Infrastructure;
using WorkflowStudio.Testing;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>Sign-in, roles and the attacks issue 14 found, driven through a real browser.</summary>
[Collection(StudioCollection.Name)]
public sealed class SecurityJourneys(StudioFixture studio)
{
    [Fact]
    public async Task A_page_on_another_loopback_origin_cannot_open_the_hub_or_read_the_api()
    {
        // The signed-in browser visits a page served from 127.0.0.1 on another port: same site, so the session cookie
        // goes along with its requests; only the origin check stands between it and the hub.
        using var attacker = new AttackerSite($$"""
            <script>
            window.result = new Promise(done => {
              const socket = new WebSocket("{{studio.Server.Address.Replace("http", "ws")}}/hubs/runs");
              socket.onopen = () => done("opened");
              socket.onerror = () => done("refused");
            }).then(async ws => {
              let api;
              try { api = (await fetch("{{studio.Server.Address}}/api/workflows", { credentials: "include" })).status; }
              catch { api = "refused"; }
              return ws + " " + api;
            });
            </script>
            """);
        var page = await studio.NewPageAsync();
        await page.GotoAsync(attacker.Address);
        Assert.Equal("refused refused", await page.EvaluateAsync<string>("window.result"));
    }

    [Fact]
    public async Task A_rebinding_host_name_gets_nothing_from_the_studio()
    {
        // Chromium resolves rebind.test to loopback, as a DNS rebinding attack would make it.
        await using var browser = await studio.Browser.BrowserType.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = StudioFixture.ChromiumPath,
            Headless = true,
            Args = [.. StudioFixture.BrowserArgs, "--host-resolver-rules=MAP rebind.test 127.0.0.1"],
        });
        var page = await browser.NewPageAsync();
        var port = new Uri(studio.Server.Address).Port;
        var answer = await page.GotoAsync($"http://rebind.test:{port}/signin");
        Assert.Equal((int)HttpStatusCode.BadRequest, answer!.Status);
        Assert.DoesNotContain("Sign in", await page.ContentAsync());
    }

    [Fact]
    public async Task A_prompt_editor_changes_a_prompt_and_is_refused_a_new_step()
    {
        var workflow = new WorkflowBuilder("pe-journey", "Prompt editor journey")
            .Input("topic")
            .Prompt("writer", p => p.User("Write about {{topic}}"))
            .Output("answer", "{{writer.text}}")
            .Edge("topic", "writer").Edge("writer", "answer")
            .Build();
        using (var owner = await studio.Server.SignedInHttpAsync())
            (await owner.PostAsJsonAsync($"/api/workflows/{workflow.Id}/versions", new { definition = JsonNode.Parse(WorkflowJson.Serialize(workflow)) })).EnsureSuccessStatusCode();
        await studio.Server.AddAccountAsync("pat", "prompt editor passphrase", "PromptEditor");

        var page = await studio.NewPageAsUserAsync("pat", "prompt editor passphrase");
        await page.GotoAsync($"/designer/{workflow.Id}");
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", "3");

        await page.Node("writer").Locator(".step-title").ClickAsync();
        await page.ByTestId("setting-User-input").FillAsync("Write three friendly sentences about {{topic}}");
        await page.ByTestId("designer-save").ClickAsync();
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "false");

        await page.DropFromPaletteAsync("output", 600, 320);
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", "4");
        await page.ByTestId("designer-save").ClickAsync();
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.GetByText("Not saved: A prompt editor may change prompt texts")).ToBeVisibleAsync();
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "true");

        using var http = await studio.Server.SignedInHttpAsync();
        var versions = await http.GetFromJsonAsync<JsonArray>($"/api/workflows/{workflow.Id}/versions");
        Assert.Equal(["owner", "pat"], versions!.Select(v => (string)v!["author"]!).Reverse());
    }

    [Fact]
    public async Task An_owner_adds_an_account_who_signs_in_and_stores_a_provider_key_shown_only_by_its_ending()
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("nav-accounts").ClickAsync();
        var name = page.TextBox("accounts-new-name");
        await name.FillAsync("ada");
        await Expect(name).ToHaveValueAsync("ada");
        await page.ByTestId("accounts-add").ClickAsync();
        var password = await page.ByTestId("accounts-password-text").TextContentAsync();
        await Expect(page.ByTestId("accounts-row-ada")).ToContainTextAsync("never");
        await page.ScreenshotToDocsAsync("accounts-page.png");

        var ada = await studio.NewPageAsUserAsync("ada", password!);
        await ada.GotoAsync("/");
        await Expect(ada.ByTestId("nav-workflows")).ToBeVisibleAsync();
        await Expect(ada.ByTestId("nav-accounts")).ToHaveCountAsync(0);

        const string key = "sk-journey-0123456789-wxyz";
        await page.ByTestId("nav-provider-keys").ClickAsync();
        var keyBox = page.TextBox("providers-row-openai-key");
        await keyBox.FillAsync(key);
        await Expect(keyBox).ToHaveValueAsync(key);
        await page.ByTestId("providers-row-openai-set").ClickAsync();
        await Expect(page.ByTestId("providers-row-openai-stored")).ToContainTextAsync("set, ending …wxyz");
        Assert.DoesNotContain(key, await page.ContentAsync());
        await page.ScreenshotToDocsAsync("provider-keys-page.png");

        // The other journeys share this studio; they run the offline model and expect no provider key.
        await page.ByTestId("providers-row-openai-remove").ClickAsync();
        await Expect(page.ByTestId("providers-row-openai-stored")).ToHaveTextAsync("none");
    }

    /// <summary>A one-page site on another loopback port: the attacker's origin.</summary>
    private sealed class AttackerSite : IDisposable
    {
        private readonly HttpListener _listener = new();

        public AttackerSite(string html)
        {
            var port = FreePort();
            Address = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _ = ServeAsync(Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><body>{html}</body></html>"));
        }

        public string Address { get; }

        private async Task ServeAsync(byte[] page)
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                context.Response.ContentType = "text/html";
                await context.Response.OutputStream.WriteAsync(page);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
