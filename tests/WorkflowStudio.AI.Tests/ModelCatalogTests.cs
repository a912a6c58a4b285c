using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Models;

namespace WorkflowStudio.AI.Tests;

/// <summary>What checking a model name reads: stored keys live in the studio file, so only a provider that needs a key asks for one.</summary>
public sealed class ModelCatalogTests
{
    private static ModelOptions Options(ProviderKind kind, string? keyEnv) => new()
    {
        Providers = { ["p"] = new ProviderOptions { Kind = kind, Endpoint = "http://127.0.0.1:9/v1", ApiKeyEnv = keyEnv, Models = ["m"] } },
    };

    [Fact]
    public void A_model_on_a_provider_that_needs_no_key_is_usable_without_reading_the_stored_keys()
    {
        var stored = new CountingKeys(null);

        var problem = new ModelCatalog(Options(ProviderKind.OpenAICompatible, null), _ => null, stored).Check("m");

        Assert.Null(problem);
        Assert.Equal(0, stored.Reads);
    }

    [Theory]
    [InlineData(ProviderKind.OpenAICompatible, "P_KEY", "whose API key environment variable P_KEY is not set and no key is stored for it")]
    [InlineData(ProviderKind.AzureOpenAI, null, "is Azure OpenAI and needs a key")]
    public void A_provider_that_needs_a_key_is_usable_with_a_stored_one_and_explained_without(ProviderKind kind, string? keyEnv, string missing)
    {
        var withKey = new CountingKeys("sk-stored");
        var without = new CountingKeys(null);

        Assert.Null(new ModelCatalog(Options(kind, keyEnv), _ => null, withKey).Check("m"));
        Assert.Contains(missing, new ModelCatalog(Options(kind, keyEnv), _ => null, without).Check("m"));
        Assert.Equal((1, 1), (withKey.Reads, without.Reads));
    }

    private sealed class CountingKeys(string? key) : IStoredProviderKeys
    {
        public int Reads { get; private set; }

        public string? Find(string provider)
        {
            Reads++;
            return key;
        }
    }
}
