using Microsoft.ML.Tokenizers;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>Counts tokens with the o200k_base encoding when a provider does not report usage (and for the offline model).</summary>
public sealed class TokenCounter
{
    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);

    // Chat formats add a few tokens per message for the role and separators.
    public int Count(IEnumerable<ChatMessage> messages) => messages.Sum(m => Count(m.Content) + 4);
}
