using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer.Code;

public sealed class EditorMarkerTests
{
    [Fact]
    public void A_problem_with_a_range_keeps_it_one_without_an_end_starts_and_ends_at_its_place_and_one_without_a_line_is_left_out()
    {
        var markers = EditorMarker.For(
        [
            new CodeProblem(3, 5, "ranged", 4, 2),
            new CodeProblem(7, null, "line only"),
            new CodeProblem(null, null, "nowhere"),
        ]);

        Assert.Equal(
        [
            new EditorMarker(3, 5, 4, 2, "ranged"),
            new EditorMarker(7, 1, 7, 1, "line only"),
        ], markers);
    }
}
