using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// Told after every successful transcript commit (turn, nudge, reaction, regenerate). The local host
/// wakes long-polls and streams with it; it must not throw and must not block.
/// </summary>
public interface ITranscriptObserver
{
    void Committed(SessionRecord session, IReadOnlyList<TranscriptMessage> changed);
}
