namespace CharacterFunctions.Roleplay.Characters;

/// <summary>Provider features: realtime info, web search, knowledge bases.</summary>
public sealed record CharacterFeatures
{
    public bool Realtime { get; init; }
    public bool WebSearch { get; init; }
    public IReadOnlyList<string> KnowledgeBaseIds { get; init; } = [];
}
