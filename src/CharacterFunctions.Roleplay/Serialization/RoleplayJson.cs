using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CharacterFunctions.Roleplay.Serialization;

/// <summary>
/// The one JSON shape of the product (HTTP bodies, stored records, actor state): camelCase, enums as
/// lower-case strings, nulls omitted, unknown properties ignored, non-ASCII text unescaped.
/// </summary>
public static class RoleplayJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Chat text (often Chinese or Japanese) stays readable UTF-8 instead of \uXXXX escapes;
            // these documents are API bodies and stored records, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
