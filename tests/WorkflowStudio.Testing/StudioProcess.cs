using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowStudio.Testing;

/// <summary>
/// The whole studio (a built WorkflowStudio.Web.dll) as a child process on a free loopback port, with a data directory
/// the caller owns, so a test can drive it as a user would, kill it, and start it again on the same database. It
/// starts with a known owner password (<see cref="OwnerPassword"/>) so tests sign in the way people do.
/// </summary>
public sealed partial class StudioProcess : IAsyncDisposable
{
    public const string OwnerUserName = "owner";
    public const string OwnerPassword = "studio-test-owner-passphrase";

    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private StudioProcess(Process process, string address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public string Address { get; }

    /// <summary>The process id, to read what the kernel says about it (its peak memory, for one).</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;
    public string DataDirectory { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="webAssembly">The path of WorkflowStudio.Web.dll to run.</param>
    /// <param name="dataDirectory">Where the studio keeps its database and logs.</param>
    /// <param name="settings">More command-line settings, e.g. "--Studio:Models:Offline:LatencyMsPerToken", "40".</param>
    public static async Task<StudioProcess> StartAsync(string webAssembly, string dataDirectory, params string[] settings)
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { webAssembly, "--urls", address, "--Studio:DataDirectory", dataDirectory, "--admin-password", OwnerPassword })
            start.ArgumentList.Add(arg);
        foreach (var setting in settings) start.ArgumentList.Add(setting);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var studio = new StudioProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the studio."), address, dataDirectory);
        studio._process.OutputDataReceived += (_, e) => studio.Append(e.Data);
        studio._process.ErrorDataReceived += (_, e) => studio.Append(e.Data);
        studio._process.BeginOutputReadLine();
        studio._process.BeginErrorReadLine();
        try
        {
            await studio.WaitUntilAnsweringAsync();
        }
        catch
        {
            // A studio that never answered would otherwise outlive the test run.
            await studio.DisposeAsync();
            throw;
        }
        return studio;
    }

    /// <summary>A client with no session: every studio endpoint but the sign-in page refuses it.</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(Address) };

    /// <summary>A client signed in through the sign-in form (antiforgery token included), keeping the session cookie.</summary>
    public async Task<HttpClient> SignedInHttpAsync(string userName = OwnerUserName, string password = OwnerPassword) =>
        Client(await SignInAsync(userName, password));

    /// <summary>Signs in through the sign-in form as a browser would; the cookies hold the session (for a hub client, say).</summary>
    public Task<CookieContainer> SignInAsync(string userName = OwnerUserName, string password = OwnerPassword) => SignInAsync(Address, userName, password);

    /// <summary>Signs in through the sign-in form of the studio at <paramref name="address"/>, in a process or in the test's own.</summary>
    public static async Task<CookieContainer> SignInAsync(string address, string userName, string password)
    {
        var cookies = new CookieContainer();
        using var http = Client(address, cookies);
        var form = await http.GetStringAsync("/signin");
        var token = AntiforgeryField().Match(form) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
        if (cookies.GetAllCookies().All(c => c.Name != SessionCookie))
            throw new InvalidOperationException($"Signing in as {userName} failed ({(int)response.StatusCode}).");
        return cookies;
    }

    private HttpClient Client(CookieContainer cookies) => Client(Address, cookies);

    /// <summary>A client carrying <paramref name="cookies"/> (a session from <see cref="SignInAsync(string, string, string)"/>) that follows no redirects.</summary>
    public static HttpClient Client(string address, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };

    /// <summary>Adds an account with a role (Owner, Editor, PromptEditor, Viewer), as the owner.</summary>
    public async Task AddAccountAsync(string userName, string password, string role)
    {
        using var owner = await SignedInHttpAsync();
        using var response = await owner.PostAsJsonAsync("/api/accounts", new { userName, password, role });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Adding {userName} failed: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The name of the studio's session cookie, for tests that carry it elsewhere (a browser context, a hub client).</summary>
    public const string SessionCookie = "studio.session";

    /// <summary>SIGKILL on Unix: the studio gets no chance to flush, cancel or close anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    // Polls until the studio answers its sign-in page; the poll interval is the only pause, and the state it waits for is the answer.
    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var patience = new CancellationTokenSource(StartupLimit);
        while (!patience.IsCancellationRequested)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The studio exited with code {_process.ExitCode} before answering:\n{Output}");
            try
            {
                using var response = await http.GetAsync(Address + "/signin", patience.Token);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still warming up.
            }
            await Task.Delay(200, CancellationToken.None);
        }
        throw new TimeoutException($"The studio did not answer at {Address} within {StartupLimit.TotalSeconds} s:\n{Output}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
