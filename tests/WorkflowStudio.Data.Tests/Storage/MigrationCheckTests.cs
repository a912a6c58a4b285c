using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Tests.Storage;

/// <summary>
/// Every process that opens the studio file makes sure it is migrated; one already up to date must not pay for EF's
/// migration (which builds every migration's model to look for unmigrated changes: over a second of a CLI command).
/// </summary>
public sealed class MigrationCheckTests
{
    [Fact]
    public async Task A_new_file_is_migrated_and_a_file_already_up_to_date_is_opened_without_migrating()
    {
        var path = Path.Combine(Path.GetTempPath(), "ws-data-" + Guid.NewGuid().ToString("N"), "studio.db");
        try
        {
            Assert.Contains(RelationalEventId.MigrateUsingConnection.Id, await OpenAsync(path));
            Assert.DoesNotContain(RelationalEventId.MigrateUsingConnection.Id, await OpenAsync(path));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static async Task<IReadOnlyCollection<int>> OpenAsync(string path)
    {
        var events = new EventLog();
        await using (var services = new ServiceCollection().AddStudioData(path)
                         .AddLogging(logging => logging.AddProvider(events).SetMinimumLevel(LogLevel.Debug)).BuildServiceProvider())
            await services.GetRequiredService<StudioDatabase>().EnsureReadyAsync();
        SqliteConnection.ClearAllPools();
        return events.Ids;
    }

    private sealed class EventLog : ILoggerProvider
    {
        private readonly ConcurrentBag<int> _ids = [];

        public IReadOnlyCollection<int> Ids => _ids;

        public ILogger CreateLogger(string categoryName) => new Logger(_ids);

        public void Dispose() { }

        private sealed class Logger(ConcurrentBag<int> ids) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => ids.Add(eventId.Id);
        }
    }
}
