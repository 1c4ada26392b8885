using System.Text.Json.Serialization;

namespace CharacterFunctions.Roleplay.ModelApi.Wire;

/// <summary>
/// The parts of an OpenAI-compatible <c>chat.completion</c> (and <c>chat.completion.chunk</c>) body that
/// we read. Everything else the provider sends is ignored.
/// </summary>
internal sealed record CompletionWire(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChoiceWire>? Choices,
    [property: JsonPropertyName("usage")] UsageWire? Usage);

/// <summary>A choice: <c>message</c> in a full response, <c>delta</c> in a stream chunk.</summary>
internal sealed record ChoiceWire(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] MessageWire? Message,
    [property: JsonPropertyName("delta")] MessageWire? Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

internal sealed record MessageWire([property: JsonPropertyName("content")] string? Content);

/// <summary><c>prompt_tokens_details</c> may be null or missing (the docs show both).</summary>
internal sealed record UsageWire(
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("prompt_tokens_details")] PromptTokensDetailsWire? PromptTokensDetails);

internal sealed record PromptTokensDetailsWire([property: JsonPropertyName("cached_tokens")] long? CachedTokens);
