namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>Tokens the provider reported for one call (or a sum of calls).</summary>
public sealed record TokenUsage(long PromptTokens, long CompletionTokens, long CachedTokens)
{
    public static readonly TokenUsage Zero = new(0, 0, 0);

    public TokenUsage Add(TokenUsage other) =>
        new(PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens, CachedTokens + other.CachedTokens);
}
