namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// The one place that turns a session, its characters and transcript into the exact model request
/// (contract rules 1-7). Pure: same context, same request.
/// </summary>
public sealed class MessageBuilder(Models.ModelCatalog catalog, TokenEstimator estimator)
{
    /// <summary>First transcript seq a caller must read (inclusive) to build the next prompt for a character.</summary>
    public static long HistoryReadFrom(Conversation.SessionRecord session, Conversation.CharacterCursor cursor, Characters.CharacterProfile speaker) =>
        throw new NotImplementedException("issue #2: message builder");

    public BuiltPrompt Build(PromptContext context) =>
        throw new NotImplementedException($"issue #2: message builder ({catalog}, {estimator})");
}
