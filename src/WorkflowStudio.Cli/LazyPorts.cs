using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Cli;

/// <summary>
/// The models, retrieval and tools of the application layer, made when a workflow first uses them. Making the knowledge
/// retriever or the tool registry opens the studio's database (they list its knowledge bases), which a command whose
/// workflow retrieves nothing and calls no tool should not pay for, nor touch.
/// </summary>
internal sealed class LazyPorts(Func<IModelGateway> models, Func<IRetriever> retriever, Func<IToolRegistry> tools)
{
    private readonly Lazy<IModelGateway> _models = new(models);
    private readonly Lazy<IRetriever> _retriever = new(retriever);
    private readonly Lazy<IToolRegistry> _tools = new(tools);

    public IModelGateway Models => new LazyModels(_models);
    public IRetriever Retriever => new LazyRetriever(_retriever);
    public IToolRegistry Tools => new LazyTools(_tools);

    private sealed class LazyModels(Lazy<IModelGateway> inner) : IModelGateway
    {
        public ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken) =>
            inner.Value.CompleteAsync(request, onDelta, cancellationToken);

        public string? CheckModel(string model) => inner.Value.CheckModel(model);
    }

    private sealed class LazyRetriever(Lazy<IRetriever> inner) : IRetriever
    {
        public ValueTask<IReadOnlyList<RetrievedChunk>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken) =>
            inner.Value.SearchAsync(query, cancellationToken);

        public string? CheckKnowledgeBase(string name) => inner.Value.CheckKnowledgeBase(name);
    }

    private sealed class LazyTools(Lazy<IToolRegistry> inner) : IToolRegistry
    {
        public IReadOnlyList<ToolDescriptor> Tools => inner.Value.Tools;

        public ITool? Find(string name) => inner.Value.Find(name);
    }
}
