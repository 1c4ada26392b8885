using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Api.Responses;

/// <summary>
/// A transcript message as clients see it. Internal bookkeeping (turn id, event id, prompt window,
/// seed) stays out of the public shape.
/// </summary>
public sealed record MessageResponse(
    long Seq,
    MessageRole Role,
    string? Speaker,
    string? SpeakerId,
    string Text,
    MessageKind Kind,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Alternatives,
    int? Selected,
    TokenUsage? Usage)
{
    public static MessageResponse From(TranscriptMessage message) => new(
        message.Seq, message.Role, message.Speaker, message.SpeakerId, message.Text, message.Kind,
        message.CreatedAt, message.Alternatives, message.Selected, message.Usage);

    public static IReadOnlyList<MessageResponse> From(IEnumerable<TranscriptMessage> messages) =>
        messages.Select(From).ToList();
}
