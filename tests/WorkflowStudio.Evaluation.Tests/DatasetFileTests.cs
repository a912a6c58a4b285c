using System.Text;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Evaluation.Datasets;

namespace WorkflowStudio.Evaluation.Tests;

public class DatasetFileTests
{
    private static List<DatasetCase> Csv(string text, DatasetReadOptions? options = null) =>
        [.. DatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), DatasetFormat.Csv, options)];

    private static List<DatasetCase> Jsonl(string text, DatasetReadOptions? options = null) =>
        [.. DatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), DatasetFormat.Jsonl, options)];

    [Fact]
    public void Csv_columns_map_to_inputs_expected_values_steps_and_metadata()
    {
        var cases = Csv("id,question,expected,expected.summary,step.classify,tags,split,note\r\nc1,Where is my order?,Shipping,short,billing,\"smoke, ship\",test,hello\r\n");
        var c = Assert.Single(cases);
        Assert.Equal("c1", c.Id);
        Assert.Equal("Where is my order?", c.Inputs["question"]);
        Assert.Equal("Shipping", c.Expected[DatasetColumns.MainOutput]);
        Assert.Equal("short", c.Expected["summary"]);
        Assert.Equal("billing", c.StepExpected["classify"]);
        Assert.Equal(["smoke", "ship"], c.Tags);
        Assert.Equal(("test", "hello"), (c.Split, c.Note));
    }

    [Fact]
    public void Quotes_commas_newlines_and_unicode_inside_quoted_cells_are_kept()
    {
        var cases = Csv("question,expected\n\"He said \"\"hi\"\",\nthen left\",\"naïve, café ☕\"\n");
        Assert.Equal("He said \"hi\",\nthen left", cases[0].Inputs["question"]);
        Assert.Equal("naïve, café ☕", cases[0].Expected[""]);
        Assert.Equal("case-1", cases[0].Id);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_names_its_row()
    {
        var error = Assert.Throws<DatasetFileException>(() => Csv("question,expected\na,b\nc,d,e\n"));
        Assert.Equal(3, error.Row);
        Assert.Contains("3 cells where the header has 2 columns", error.Message);
    }

    [Fact]
    public void A_stray_quote_is_an_error_with_its_row()
    {
        var error = Assert.Throws<DatasetFileException>(() => Csv("question,expected\na,b\nsay \"hi,b\n"));
        Assert.Equal(3, error.Row);
        Assert.Contains("malformed", error.Message);
    }

    [Fact]
    public void Duplicate_and_unnamed_columns_are_refused_by_name()
    {
        var duplicate = Assert.Throws<DatasetFileException>(() => Csv("question,expected,Question\na,b,c\n"));
        Assert.Equal("Question", duplicate.Column);
        Assert.Contains("columns 1 and 3", duplicate.Message);
        var unnamed = Assert.Throws<DatasetFileException>(() => Csv("question,,expected\na,b,c\n"));
        Assert.Contains("column 2 has no name", unnamed.Message);
    }

    [Fact]
    public void Columns_the_workflow_does_not_have_are_refused_when_its_inputs_are_known()
    {
        var options = DatasetReadOptions.Default with { KnownInputs = new HashSet<string> { "question" } };
        var error = Assert.Throws<DatasetFileException>(() => Csv("qestion,expected\na,b\n", options));
        Assert.Equal("qestion", error.Column);
        Assert.Contains("no input 'qestion'", error.Message);
        Assert.Throws<DatasetFileException>(() => Csv("expected,note\na,b\n"));
    }

    [Fact]
    public void Bad_utf8_is_reported_not_replaced()
    {
        var bytes = Encoding.UTF8.GetBytes("question,expected\nok,fine\n").Concat(new byte[] { 0xC3, 0x28, (byte)',', (byte)'x', (byte)'\n' }).ToArray();
        var error = Assert.Throws<DatasetFileException>(() => DatasetReader.Read(new MemoryStream(bytes), DatasetFormat.Csv).ToList());
        Assert.Contains("not valid UTF-8", error.Message);
        error = Assert.Throws<DatasetFileException>(() => DatasetReader.Read(new MemoryStream([.. "{\"q\":\""u8.ToArray(), 0xFF, .. "\"}\n"u8.ToArray()]), DatasetFormat.Jsonl).ToList());
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = Path.GetTempFileName() + ".csv";
        try
        {
            using (var file = File.Create(path)) file.SetLength(50L * 1024 * 1024 + 1);
            var error = Assert.Throws<DatasetFileException>(() => DatasetReader.ReadFile(path).ToList());
            Assert.Contains("larger than the limit of 50 MB", error.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_stream_of_unknown_length_stops_at_the_limit()
    {
        var options = DatasetReadOptions.Default with { MaxBytes = 1024 };
        var text = "question,expected\n" + string.Concat(Enumerable.Repeat("aaaaaaaaaa,bbbbbbbbbb\n", 200));
        var error = Assert.Throws<DatasetFileException>(() => DatasetReader.Read(new UnseekableStream(Encoding.UTF8.GetBytes(text)), DatasetFormat.Csv, options).ToList());
        Assert.Contains("larger than the limit", error.Message);
    }

    [Fact]
    public void Too_many_cases_and_huge_cells_are_refused()
    {
        Assert.Contains("more than 2 cases", Assert.Throws<DatasetFileException>(() => Csv("question\na\nb\nc\n", DatasetReadOptions.Default with { MaxCases = 2 })).Message);
        var error = Assert.Throws<DatasetFileException>(() => Csv("question\n" + new string('x', 50) + "\n", DatasetReadOptions.Default with { MaxCellLength = 10 }));
        Assert.Equal((2, "question"), (error.Row, error.Column));
    }

    [Fact]
    public void Jsonl_reads_structured_and_flat_lines()
    {
        var cases = Jsonl("""
            {"id":"a","inputs":{"question":"q1"},"expected":{"result":"r1"},"steps":{"classify":"bug"},"tags":["x","y"],"split":"dev","note":"n"}

            {"question":"q2","expected":"r2","count":3}
            """);
        Assert.Equal(2, cases.Count);
        Assert.Equal(("a", "q1", "r1", "bug"), (cases[0].Id, cases[0].Inputs["question"], cases[0].Expected["result"], cases[0].StepExpected["classify"]));
        Assert.Equal(["x", "y"], cases[0].Tags);
        Assert.Equal(("q2", "r2", "3"), (cases[1].Inputs["question"], cases[1].Expected[""], cases[1].Inputs["count"]));
    }

    [Fact]
    public void Jsonl_errors_name_the_line_and_field()
    {
        var error = Assert.Throws<DatasetFileException>(() => Jsonl("{\"question\":\"a\"}\n{\"question\": oops}\n"));
        Assert.Equal(2, error.Row);
        error = Assert.Throws<DatasetFileException>(() => Jsonl("{\"inputs\":[1,2]}\n"));
        Assert.Equal((1, "inputs"), (error.Row, error.Column));
        Assert.Contains("one JSON object", Assert.Throws<DatasetFileException>(() => Jsonl("[1]\n")).Message);
    }

    [Theory]
    [InlineData(DatasetFormat.Csv)]
    [InlineData(DatasetFormat.Jsonl)]
    public async Task Export_then_import_gives_the_same_cases(DatasetFormat format)
    {
        DatasetCase[] cases =
        [
            new("c1", new Dictionary<string, string> { ["question"] = "multi\nline, \"quoted\" ☕" }, new Dictionary<string, string> { [""] = "yes", ["summary"] = "s" })
                { StepExpected = new Dictionary<string, string> { ["classify"] = "bug" }, Tags = ["a", "b"], Split = "test", Note = "n" },
            new("c2", new Dictionary<string, string> { ["question"] = "plain" }, new Dictionary<string, string> { [""] = "" }),
        ];
        var writer = new StringWriter();
        await DatasetWriter.WriteAsync(cases.ToAsyncEnumerable(), writer, format);
        var back = format == DatasetFormat.Csv ? Csv(writer.ToString()) : Jsonl(writer.ToString());
        Assert.Equal(2, back.Count);
        Assert.Equal(cases[0].Inputs, back[0].Inputs);
        Assert.Equal(cases[0].Expected, back[0].Expected);
        Assert.Equal(cases[0].StepExpected, back[0].StepExpected);
        Assert.Equal(cases[0].Tags, back[0].Tags);
        Assert.Equal((cases[0].Split, cases[0].Note), (back[0].Split, back[0].Note));
        Assert.Equal("c2", back[1].Id);
    }

    [Fact]
    public async Task A_formula_cell_stays_text_in_csv_export()
    {
        var writer = new StringWriter();
        await DatasetWriter.WriteAsync(new[] { new DatasetCase("c1", new Dictionary<string, string> { ["question"] = "=cmd|'/c calc'!A1" }, DatasetCase.EmptyMap) }.ToAsyncEnumerable(), writer, DatasetFormat.Csv);
        Assert.Contains("'=cmd|", writer.ToString());
        Assert.DoesNotContain(",=cmd", writer.ToString());
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
