using System.Text.Json;
using System.Text.Json.Serialization;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// The JSON body of POST {BaseUrl}/chat/completions with the DashScope extensions. Null members are
/// not written, so a request carries exactly the fields the documented examples carry.
/// </summary>
public sealed record ChatCompletionRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("messages")] public required IReadOnlyList<ChatMessage> Messages { get; init; }
    [JsonPropertyName("n")] public int? N { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }
    [JsonPropertyName("top_p")] public double? TopP { get; init; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("logit_bias")] public IReadOnlyDictionary<string, int>? LogitBias { get; init; }
    [JsonPropertyName("enable_search")] public bool? EnableSearch { get; init; }
    [JsonPropertyName("search_options")] public JsonElement? SearchOptions { get; init; }
    [JsonPropertyName("character_options")] public CharacterOptions? CharacterOptions { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }
    [JsonPropertyName("stream_options")] public StreamOptions? StreamOptions { get; init; }
}

/// <summary>A message of the request. <see cref="Partial"/> marks a trailing assistant prefix the model continues.</summary>
public sealed record ChatMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("partial")] bool? Partial = null)
{
    public static ChatMessage System(string content) => new("system", content);
    public static ChatMessage User(string content) => new("user", content);
    public static ChatMessage Assistant(string content) => new("assistant", content);
    public static ChatMessage PartialAssistant(string prefix) => new("assistant", prefix, true);
}

/// <summary>DashScope <c>character_options</c>.</summary>
public sealed record CharacterOptions
{
    [JsonPropertyName("profile")] public string? Profile { get; init; }
    [JsonPropertyName("memory")] public MemoryOptions? Memory { get; init; }
    [JsonPropertyName("enable_realtime")] public bool? EnableRealtime { get; init; }
    [JsonPropertyName("vector_store_ids")] public IReadOnlyList<string>? VectorStoreIds { get; init; }
}

/// <summary>DashScope <c>character_options.memory</c>.</summary>
public sealed record MemoryOptions
{
    [JsonPropertyName("enable_long_term_memory")] public bool EnableLongTermMemory { get; init; }
    [JsonPropertyName("memory_entries")] public int MemoryEntries { get; init; }
    [JsonPropertyName("skip_save_types")] public IReadOnlyList<string> SkipSaveTypes { get; init; } = [];
}

public sealed record StreamOptions
{
    [JsonPropertyName("include_usage")] public bool IncludeUsage { get; init; }
}
