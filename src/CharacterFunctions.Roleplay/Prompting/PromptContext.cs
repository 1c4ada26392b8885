using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// Everything <see cref="MessageBuilder"/> needs to produce one model request.
/// <see cref="History"/> is the committed transcript the caller read, ascending, starting at or before
/// <see cref="MessageBuilder.HistoryReadFrom"/>; <see cref="NewMessages"/> are the not-yet-committed
/// messages of this request (pending events then the player's message for a turn; the event for a
/// reaction; nothing for a nudge or a regenerate).
/// </summary>
public sealed record PromptContext
{
    public required SessionRecord Session { get; init; }

    /// <summary>The character who speaks now.</summary>
    public required CharacterProfile Speaker { get; init; }

    /// <summary>All characters of the session by id (names for group prefixes).</summary>
    public required IReadOnlyDictionary<string, CharacterProfile> Characters { get; init; }

    public required CharacterCursor Cursor { get; init; }
    public required IReadOnlyList<TranscriptMessage> History { get; init; }
    public IReadOnlyList<TranscriptMessage> NewMessages { get; init; } = [];
    public required PromptKind Kind { get; init; }
    public TurnOptions? Options { get; init; }

    /// <summary>For <see cref="PromptKind.Continuation"/>: the cut-off reply, sent as the trailing partial prefix.</summary>
    public TranscriptMessage? Continued { get; init; }
}
