using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkflowStudio.Testing;

/// <summary>
/// The whole studio (a built WorkflowStudio.Web.dll) as a child process on a free loopback port, with a data directory
/// the caller owns, so a test can drive it as a user would, kill it, and start it again on the same database.
/// </summary>
public sealed class StudioProcess : IAsyncDisposable
{
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
        foreach (var arg in new[] { webAssembly, "--urls", address, "--Studio:DataDirectory", dataDirectory })
            start.ArgumentList.Add(arg);
        foreach (var setting in settings) start.ArgumentList.Add(setting);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var studio = new StudioProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the studio."), address, dataDirectory);
        studio._process.OutputDataReceived += (_, e) => studio.Append(e.Data);
        studio._process.ErrorDataReceived += (_, e) => studio.Append(e.Data);
        studio._process.BeginOutputReadLine();
        studio._process.BeginErrorReadLine();
        await studio.WaitUntilAnsweringAsync();
        return studio;
    }

    public HttpClient Http() => new() { BaseAddress = new Uri(Address) };

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

    // Polls until the studio answers its API; the poll interval is the only pause, and the state it waits for is the answer.
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
                using var response = await http.GetAsync(Address + "/api/workflows", patience.Token);
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
