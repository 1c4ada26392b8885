using System.Text.Json.Serialization;

namespace CharacterFunctions.Roleplay.ModelApi.Wire;

/// <summary>
/// Source-generated JSON for the model wire format: requests omit null members (so a body carries only
/// the fields we set), responses tolerate unknown members. No reflection on the hot path.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(CompletionWire))]
internal sealed partial class ModelWireJson : JsonSerializerContext;
