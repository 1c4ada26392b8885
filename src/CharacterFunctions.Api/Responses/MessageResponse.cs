using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Speech;

namespace CharacterFunctions.Api.Responses;

/// <summary>
/// A transcript message as clients see it. Internal bookkeeping (turn id, event id, prompt window,
/// seed) stays out of the public shape. Character messages also carry <see cref="Speech"/> (the text with
/// action spans removed, for a TTS voice) and <see cref="Actions"/> (those spans' inner text, in order);
/// <see cref="Text"/> stays the raw reply.
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
    TokenUsage? Usage,
    string? FinishReason,
    string? Speech,
    IReadOnlyList<string>? Actions)
{
    public static MessageResponse From(TranscriptMessage message)
    {
        var split = message.Role == MessageRole.Assistant ? ReplySpeech.Of(message.Text) : null;
        return new(
            message.Seq, message.Role, message.Speaker, message.SpeakerId, message.Text, message.Kind,
            message.CreatedAt, message.Alternatives, message.Selected, message.Usage, message.FinishReason, split?.Speech, split?.Actions);
    }

    public static IReadOnlyList<MessageResponse> From(IEnumerable<TranscriptMessage> messages) =>
        messages.Select(From).ToList();
}
