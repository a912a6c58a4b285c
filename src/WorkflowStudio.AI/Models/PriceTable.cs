using WorkflowStudio.AI.Configuration;

namespace WorkflowStudio.AI.Models;

/// <summary>Cost of a call from the "Studio:Models:Prices" table (dollars per million tokens).</summary>
public sealed class PriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
{
    public decimal Cost(ResolvedModel model, int inputTokens, int outputTokens)
    {
        if (!prices.TryGetValue(model.Name, out var price) && !prices.TryGetValue(model.ModelId, out price)) return 0m;
        return Math.Round((inputTokens * price.InputPerMillion + outputTokens * price.OutputPerMillion) / 1_000_000m, 8);
    }
}
