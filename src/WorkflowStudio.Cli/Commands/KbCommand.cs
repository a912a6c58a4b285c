using System.CommandLine;
using System.Globalization;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Studio.Knowledge;

namespace WorkflowStudio.Cli.Commands;

/// <summary>
/// `studio kb add | list | query | remove`: the studio's knowledge bases (in the database under the data directory)
/// through the same <see cref="KnowledgeLibrary"/> as the Knowledge page, so a base added here is searched there.
/// </summary>
internal static class KbCommand
{
    public static Command Create(CliSettings settings, TextWriter output, TextWriter error) =>
        new("kb", "Adds, lists, searches and removes knowledge bases.")
        {
            Add(settings, output, error), List(settings, output), Query(settings, output, error), Remove(settings, output, error),
        };

    private static Command Add(CliSettings settings, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("base") { Description = "The knowledge base; created with the options below when missing." };
        var paths = new Argument<string[]>("files") { Description = $"Files or folders to add ({DocumentReader.Accepted}).", Arity = ArgumentArity.ZeroOrMore };
        var urls = new Option<string[]>("--url") { Description = "A web page to add (public addresses only); repeat for more.", Arity = ArgumentArity.ZeroOrMore };
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Characters per passage for a new base." };
        var overlap = new Option<int?>("--overlap") { Description = "Characters passages share for a new base." };
        var weight = new Option<double?>("--weight") { Description = "Hybrid weight for a new base: 1 ranks by meaning only, 0 by keywords only." };
        var topK = new Option<int?>("--top-k") { Description = "Default number of passages for a new base." };
        var command = new Command("add", "Adds files, folders or web pages to a knowledge base and waits until they are indexed.")
            { name, paths, urls, chunkSize, overlap, weight, topK };
        command.SetAction(async (parse, ct) => await Guarded(error, async () =>
        {
            using var studio = new StudioServices(settings, ModelChoice.Configured);
            var library = studio.Knowledge;
            var baseName = parse.GetRequiredValue(name);
            if (await library.FindAsync(baseName, ct) is null)
            {
                var defaults = library.Defaults;
                var created = await library.CreateAsync(baseName, new KnowledgeBaseSettings(parse.GetValue(chunkSize) ?? defaults.ChunkSize,
                    parse.GetValue(overlap) ?? defaults.ChunkOverlap, parse.GetValue(weight) ?? defaults.VectorWeight, parse.GetValue(topK) ?? defaults.TopK), ct);
                output.WriteLine($"created knowledge base {created.Name}");
            }
            var (uploads, unreadable) = ReadFiles(parse.GetValue(paths) ?? []);
            foreach (var url in parse.GetValue(urls) ?? [])
            {
                try
                {
                    uploads.Add(await library.FetchPageAsync(url, ct));
                }
                catch (StoreException e)
                {
                    unreadable.Add(new DocumentProblem(url, e.Message));
                }
            }
            if (uploads.Count == 0 && unreadable.Count == 0) return Fail(error, "Give at least one file, folder or --url to add.");
            var problems = new List<DocumentProblem>(unreadable);
            var stored = 0;
            if (uploads.Count > 0)
            {
                var job = await library.AddDocumentsAsync(baseName, uploads, ct);
                await using var cancel = ct.Register(job.Cancel);
                var done = await FollowAsync(job, output);
                problems.AddRange(done.Problems);
                stored = done.Stored.Count;
                if (done.State == IndexingState.Cancelled) error.WriteLine("kb add: cancelled; the documents already stored stay.");
                if (done.State == IndexingState.Failed) return Fail(error, done.Error ?? "indexing failed.");
            }
            foreach (var problem in problems) error.WriteLine($"error: {problem.Document}: {problem.Reason}");
            var info = (await library.FindAsync(baseName, ct))!;
            output.WriteLine($"{info.Name}: {stored} added; now {info.DocumentCount} documents, {info.ChunkCount} passages");
            return ct.IsCancellationRequested ? StudioCli.Cancelled : problems.Count > 0 ? StudioCli.BadInput : StudioCli.Ok;
        }));
        return command;
    }

    private static Command List(CliSettings settings, TextWriter output)
    {
        var command = new Command("list", "Lists the knowledge bases with their documents, passages and settings.");
        command.SetAction(async (_, ct) =>
        {
            using var studio = new StudioServices(settings, ModelChoice.Configured);
            var bases = await studio.Knowledge.ListAsync(ct);
            if (bases.Count == 0) output.WriteLine("no knowledge bases; add one with: studio kb add NAME FILES...");
            foreach (var b in bases)
            {
                var s = b.Settings;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Name}  {b.DocumentCount} documents  {b.ChunkCount} passages  chunk {s.ChunkSize}/{s.ChunkOverlap}  weight {s.VectorWeight:0.##}  top-k {s.TopK}"));
            }
            return StudioCli.Ok;
        });
        return command;
    }

    private static Command Query(CliSettings settings, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("base") { Description = "The knowledge base to search." };
        var question = new Argument<string>("question") { Description = "The question or keywords." };
        var topK = new Option<int?>("--top-k", "-k") { Description = "Passages to show (default: the base's setting)." };
        var mode = new Option<SearchMode>("--mode") { Description = "Hybrid (default), Vector or Keyword.", DefaultValueFactory = _ => SearchMode.Hybrid };
        var command = new Command("query", "Shows the passages a Retrieval step would get, with their fused, vector and keyword scores.") { name, question, topK, mode };
        command.SetAction(async (parse, ct) => await Guarded(error, async () =>
        {
            using var studio = new StudioServices(settings, ModelChoice.Configured);
            var passages = await studio.Knowledge.QueryAsync(parse.GetRequiredValue(name), parse.GetRequiredValue(question), parse.GetValue(topK), parse.GetValue(mode), ct);
            if (passages.Count == 0) output.WriteLine("no passage matches");
            foreach (var p in passages)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"#{p.Rank} {p.Document} passage {p.Chunk + 1}  fused {p.Fused:0.000}  vector {p.Vector:0.000}  keyword {p.Keyword:0.000}"));
                output.WriteLine("   " + p.Text.ReplaceLineEndings("\n   "));
            }
            return StudioCli.Ok;
        }));
        return command;
    }

    private static Command Remove(CliSettings settings, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("base") { Description = "The knowledge base." };
        var document = new Option<string?>("--document") { Description = "Remove only this document of the base." };
        var command = new Command("remove", "Removes a knowledge base, or one document of it.") { name, document };
        command.SetAction(async (parse, ct) => await Guarded(error, async () =>
        {
            using var studio = new StudioServices(settings, ModelChoice.Configured);
            var baseName = parse.GetRequiredValue(name);
            if (parse.GetValue(document) is { } documentName)
            {
                if (!await studio.Knowledge.DeleteDocumentAsync(baseName, documentName, ct)) return Fail(error, $"{baseName} has no document named '{documentName}'.");
                output.WriteLine($"removed {documentName} from {baseName}");
                return StudioCli.Ok;
            }
            if (!await studio.Knowledge.DeleteAsync(baseName, ct)) return Fail(error, $"There is no knowledge base named '{baseName}'.");
            output.WriteLine($"removed knowledge base {baseName}");
            return StudioCli.Ok;
        }));
        return command;
    }

    // Folders are walked for the types a base accepts; a named file of another type is still handed over, to be refused with its reason.
    private static (List<DocumentUpload> Uploads, List<DocumentProblem> Unreadable) ReadFiles(IEnumerable<string> paths)
    {
        var uploads = new List<DocumentUpload>();
        var unreadable = new List<DocumentProblem>();
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            var files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(DocumentReader.IsSupported).Order(StringComparer.Ordinal)
                    .Select(f => (File: f, Name: Path.GetRelativePath(path, f).Replace('\\', '/')))
                : [(File: path, Name: Path.GetFileName(path))];
            foreach (var (file, documentName) in files)
            {
                try
                {
                    if (new FileInfo(file).Length > KnowledgeLibrary.MaxDocumentBytes)
                        unreadable.Add(new DocumentProblem(documentName, $"It is larger than {KnowledgeLibrary.Size(KnowledgeLibrary.MaxDocumentBytes)}."));
                    else uploads.Add(new DocumentUpload(documentName, File.ReadAllBytes(file)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    unreadable.Add(new DocumentProblem(file, e is FileNotFoundException ? "No such file." : e.Message));
                }
            }
        }
        return (uploads, unreadable);
    }

    /// <summary>A line at each tenth of the way, so CI logs show progress without a terminal.</summary>
    private static async Task<IndexingProgress> FollowAsync(IndexingJob job, TextWriter output)
    {
        var reported = 0;
        var gate = new Lock();
        void Report(IndexingJob j)
        {
            var progress = j.Progress;
            var tenth = (int)(progress.Fraction * 10);
            lock (gate)
            {
                if (progress.PassagesTotal == 0 || tenth <= reported) return;
                reported = tenth;
                output.WriteLine($"indexing: {progress.PassagesDone}/{progress.PassagesTotal} passages");
            }
        }
        job.Changed += Report;
        try
        {
            return await job.Completion;
        }
        finally
        {
            job.Changed -= Report;
        }
    }

    private static async Task<int> Guarded(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (StoreException e)
        {
            return Fail(error, e.Message);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("kb: cancelled.");
            return StudioCli.Cancelled;
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return StudioCli.BadInput;
    }
}
