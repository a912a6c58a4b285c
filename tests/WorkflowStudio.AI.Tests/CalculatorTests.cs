using WorkflowStudio.AI.Tools;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

public sealed class CalculatorTests
{
    private readonly CalculatorTool _calculator = new();

    private async Task<string> Calculate(string expression) =>
        (await _calculator.InvokeAsync(new Dictionary<string, string> { ["expression"] = expression }, CancellationToken.None)).Text;

    [Theory]
    [InlineData("2 + 3 * 4", "14")]
    [InlineData("(2 + 3) * 4", "20")]
    [InlineData("2 ^ 3 ^ 2", "512")]
    [InlineData("-3 + -(-2)", "-1")]
    [InlineData("10 % 4", "2")]
    [InlineData("sqrt(16) + max(2, 5)", "9")]
    [InlineData("round(2.5) + floor(1.9)", "4")]
    [InlineData("1.5e3 / 3", "500")]
    [InlineData("12.5 × 4 ÷ 2", "25")]
    public async Task Arithmetic_is_evaluated(string expression, string expected)
    {
        Assert.Equal(expected, await Calculate(expression));
    }

    [Theory]
    [InlineData("1 / 0", "no finite value")]
    [InlineData("2 +", "ends too early")]
    [InlineData("(1 + 2", "expected ')'")]
    [InlineData("System.IO.File.Delete(\"x\")", "unknown name 'System'")]
    [InlineData("2 2", "unexpected '2'")]
    [InlineData("sqrt 4", "expected '('")]
    public async Task Bad_expressions_are_clear_errors_and_never_run_code(string expression, string message)
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => Calculate(expression));

        Assert.Equal("bad_expression", error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Deep_nesting_and_long_input_are_refused()
    {
        await Assert.ThrowsAsync<ToolException>(() => Calculate(new string('(', 500) + "1" + new string(')', 500)));
        await Assert.ThrowsAsync<ToolException>(() => Calculate(string.Join("+", Enumerable.Repeat("1", 600))));
    }
}
