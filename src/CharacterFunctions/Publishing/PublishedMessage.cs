using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Functions.Publishing;

/// <summary>
/// Body of a <c>session-messages</c> topic message: the session id and the transcript message in the
/// contract's public shape (internal bookkeeping such as turn ids and prompt ranges is left out).
/// </summary>
public sealed record PublishedMessage(
    string SessionId,
    long Seq,
    MessageRole Role,
    MessageKind Kind,
    string? Speaker,
    string Text,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Alternatives,
    int? Selected,
    TokenUsage? Usage)
{
    public static PublishedMessage From(string sessionId, TranscriptMessage message) => new(
        sessionId,
        message.Seq,
        message.Role,
        message.Kind,
        message.Speaker,
        message.Text,
        message.CreatedAt,
        message.Alternatives,
        message.Selected,
        message.Usage);
}
