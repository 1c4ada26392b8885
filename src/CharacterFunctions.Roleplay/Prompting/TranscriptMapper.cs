using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// One transcript message as the speaking character sees it (contract rules 1-3). The mapping depends
/// only on the message and who speaks, never on position, so an old message always renders the same
/// bytes and the prompt prefix stays cacheable.
/// </summary>
internal static class TranscriptMapper
{
    public static ChatMessage ToChat(TranscriptMessage message, PromptContext context)
    {
        if (message.Role == MessageRole.System)
        {
            // Game events: supplementary information, kept at their position, never prefixed.
            return ChatMessage.System(message.Text);
        }
        if (!context.Session.IsGroup)
        {
            return message.Role == MessageRole.Assistant ? ChatMessage.Assistant(message.Text) : ChatMessage.User(message.Text);
        }
        var ownMessage = message.Role == MessageRole.Assistant && message.SpeakerId == context.Speaker.Id;
        var content = SpeakerName(message, context) + ": " + message.Text;
        // In a group the model plays only the speaker; everyone else (players, other characters) is "user".
        return ownMessage ? ChatMessage.Assistant(content) : ChatMessage.User(content);
    }

    /// <summary>The "Name:" prefix the model continues when it must speak as <paramref name="speaker"/>.</summary>
    public static ChatMessage TrailingPartial(CharacterProfile speaker) => ChatMessage.PartialAssistant(speaker.Name + ":");

    /// <summary>
    /// A cut-off reply as the prefix the model continues (seed partial mode): exactly as the reply is mapped in
    /// history, so in a group it starts with "Name: " as the seed requires.
    /// </summary>
    public static ChatMessage PartialOf(TranscriptMessage reply, PromptContext context) =>
        ChatMessage.PartialAssistant(ToChat(reply, context).Content);

    private static string SpeakerName(TranscriptMessage message, PromptContext context)
    {
        if (!string.IsNullOrEmpty(message.Speaker))
        {
            return message.Speaker;
        }
        if (message.SpeakerId is { } id)
        {
            if (context.Characters.TryGetValue(id, out var character))
            {
                return character.Name;
            }
            if (context.Session.Players.FirstOrDefault(p => p.PlayerId == id) is { } player)
            {
                return player.Name;
            }
            return id;
        }
        return message.Role == MessageRole.Assistant ? context.Speaker.Name : "User";
    }
}
