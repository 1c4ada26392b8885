using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using static CharacterFunctions.Roleplay.Tests.Prompting.PromptTestData;

namespace CharacterFunctions.Roleplay.Tests.Prompting;

/// <summary>
/// Drives the builder through a long one-to-one chat the way the turn service does: read from
/// <see cref="MessageBuilder.HistoryReadFrom"/>, build, commit the player message and the reply,
/// keep the next cursor. Texts are deterministic pseudo-random with varied lengths.
/// </summary>
internal sealed class ScriptedConversation(CharacterProfile character, MessageBuilder builder, int seed = 7)
{
    private static readonly string[] Words =
    [
        "the", "book", "rain", "window", "class", "monitor", "tea", "shop", "board", "stone", "move", "smile",
        "quiet", "tomorrow", "library", "exam", "laugh", "walk", "river", "music", "maybe", "really", "because",
        "(leans closer)", "(grins)", "\"Ordinary World\"", "go", "game", "win", "lose", "strategy", "evening",
    ];

    private readonly Random _random = new(seed);
    private readonly Player _player = new("p-1", "Class Monitor");

    public SessionRecord Session { get; private set; } = OneToOne("s-scripted", character);
    public List<TranscriptMessage> Transcript { get; } = [];
    public CharacterCursor Cursor { get; private set; } = CharacterCursor.Initial;

    /// <summary>Every 10th turn carries a pending game event before the player's message.</summary>
    public bool WithEvents { get; init; }

    public sealed record Step(PromptContext Context, BuiltPrompt Prompt, TranscriptMessage ReplyMessage);

    public IEnumerable<Step> Run(int turns)
    {
        if (Transcript.Count == 0)
        {
            Commit(Opening(1, character, "Class monitor, what are you up to?"));
        }
        for (var turn = 0; turn < turns; turn++)
        {
            List<TranscriptMessage> pending = [];
            if (WithEvents && turn % 10 == 9)
            {
                pending.Add(Event(NextSeq, $"Player enters level {turn / 10 + 1}"));
            }
            pending.Add(User(NextSeq + pending.Count, _player, Text(3, 60)));

            var from = MessageBuilder.HistoryReadFrom(Session, Cursor, character);
            var context = new PromptContext
            {
                Session = Session,
                Speaker = character,
                Characters = new Dictionary<string, CharacterProfile> { [character.Id] = character },
                Cursor = Cursor,
                History = [.. Transcript.Where(m => m.Seq >= from)],
                NewMessages = pending,
                Kind = PromptKind.Turn,
                Options = new TurnOptions { Seed = turn },
            };
            var prompt = builder.Build(context);

            pending.ForEach(Commit);
            var reply = Reply(NextSeq, character, Text(8, 140)) with { ContextFromSeq = prompt.ContextFromSeq, Seed = turn };
            Commit(reply);
            Cursor = prompt.NextCursor;
            yield return new Step(context, prompt, reply);
        }
    }

    private long NextSeq => Transcript.Count + 1;

    private void Commit(TranscriptMessage message)
    {
        Transcript.Add(message);
        Session = Session with { LastSeq = message.Seq };
    }

    private string Text(int minWords, int maxWords)
    {
        var count = _random.Next(minWords, maxWords + 1);
        var words = Enumerable.Range(0, count).Select(_ => Words[_random.Next(Words.Length)]);
        var text = string.Join(' ', words);
        // Some messages mix in Chinese, which the estimator counts one token per character.
        return _random.Next(5) == 0 ? text + " 今天的棋局很有意思。" : text;
    }
}
