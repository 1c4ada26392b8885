using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CharacterFunctions.Roleplay.ModelApi.Wire;

/// <summary>
/// Source-generated JSON for the model wire format: requests omit null members (so a body carries only
/// the fields we set), responses tolerate unknown members. No reflection on the hot path.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(CompletionWire))]
internal sealed partial class ModelWireJson : JsonSerializerContext
{
    /// <summary>
    /// Chat text goes out as UTF-8 rather than \uXXXX escapes: a Chinese prompt stays a third of the
    /// size. Safe because the body is JSON to an API, never embedded in HTML.
    /// </summary>
    public static ModelWireJson Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
