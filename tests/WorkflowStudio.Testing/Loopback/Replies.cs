namespace WorkflowStudio.Testing.Loopback;

/// <summary>What the test server does with the next chat completion request.</summary>
public abstract record Reply;

public sealed record TextReply(string Content, int PromptTokens = 11, int CompletionTokens = 7) : Reply;

public sealed record ToolCallReply(string Function, string ArgumentsJson) : Reply;

public sealed record StatusReply(int Status, string? RetryAfter = null, int? RetryAfterMs = null) : Reply;

/// <summary>Accepts the request and never answers (until the client gives up).</summary>
public sealed record HangReply : Reply;

/// <summary>Streams a few chunks, then drops the connection.</summary>
public sealed record CutStreamReply(string Content) : Reply;

/// <summary>Answers 200 with a body that is not JSON.</summary>
public sealed record MalformedReply : Reply;
