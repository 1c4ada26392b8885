using System.Text.Json;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>Provider features: realtime info, web search, knowledge bases.</summary>
public sealed record CharacterFeatures
{
    public bool Realtime { get; init; }
    public bool WebSearch { get; init; }

    /// <summary>
    /// Passed through as the request's <c>search_options</c> object. Seed 002 only says "You can configure
    /// the following web search capabilities using the search_options parameter" without listing them, so
    /// the object is forwarded unchanged rather than checked against a field list we would have to invent.
    /// </summary>
    public JsonElement? SearchOptions { get; init; }

    public IReadOnlyList<string> KnowledgeBaseIds { get; init; } = [];
}
