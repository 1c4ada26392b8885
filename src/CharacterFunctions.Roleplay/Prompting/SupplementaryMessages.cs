using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// Per-call system messages that are not part of the transcript: the triggered lorebook entries,
/// then the character's post-history instructions. The seed's rule for one-time supplementary
/// information: a system message placed before the last unanswered user message, so the prefix up
/// to there stays byte-identical (cached). They are never stored, so the next call's prefix does
/// not contain them either.
/// </summary>
internal static class SupplementaryMessages
{
    public static List<ChatMessage> For(PromptContext context, TokenEstimator estimator)
    {
        var speaker = context.Speaker;
        var user = CardMacros.UserName(context.Session.Players);
        string Resolve(string text) => CardMacros.Resolve(text, speaker.Name, user);

        var messages = new List<ChatMessage>();
        var entries = LorebookSelector.Select(speaker.Lorebook, ScannedTexts(context), e => estimator.Estimate(speaker.Model, Resolve(e.Content)));
        if (entries.Count > 0)
        {
            messages.Add(ChatMessage.System(string.Join("\n\n", entries.Select(e => Resolve(e.Content).Trim()))));
        }
        if (!string.IsNullOrWhiteSpace(speaker.PostHistoryInstructions))
        {
            messages.Add(ChatMessage.System(Resolve(speaker.PostHistoryInstructions).Trim()));
        }
        return messages;
    }

    /// <summary>
    /// Inserts <paramref name="supplements"/> before the request's last real message when that is a
    /// user message or an event (the trigger), else after it; never before index <paramref name="minIndex"/>
    /// (the leading system message) and never after the trailing partial assistant prefix.
    /// </summary>
    public static void Insert(List<ChatMessage> messages, IReadOnlyList<ChatMessage> supplements, int minIndex)
    {
        if (supplements.Count == 0)
        {
            return;
        }
        var end = messages.Count > 0 && messages[^1].Partial == true ? messages.Count - 1 : messages.Count;
        var at = end - 1 >= minIndex && messages[end - 1].Role is "user" or "system" ? end - 1 : end;
        messages.InsertRange(at, supplements);
    }

    /// <summary>
    /// The latest player messages and events: the trailing run of them over history and new messages
    /// (a turn's pending events and message, a reaction's event), or, when a character spoke last
    /// (an idle nudge), the latest one before that. A regenerate sees the same texts as the original call.
    /// </summary>
    private static List<string> ScannedTexts(PromptContext context)
    {
        var all = context.History.Concat(context.NewMessages).ToList();
        var last = all.FindLastIndex(m => m.Role != MessageRole.Assistant);
        if (last < 0)
        {
            return [];
        }
        var first = last;
        while (first > 0 && all[first - 1].Role != MessageRole.Assistant)
        {
            first--;
        }
        return all.GetRange(first, last - first + 1).Select(m => m.Text).ToList();
    }
}
