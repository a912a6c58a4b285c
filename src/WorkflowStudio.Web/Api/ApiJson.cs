using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowStudio.Web.Api;

/// <summary>JSON of the studio's HTTP API: web defaults, with enum names rather than numbers so responses read as words.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IResult Ok<T>(T value) => Results.Json(value, Options);
}
