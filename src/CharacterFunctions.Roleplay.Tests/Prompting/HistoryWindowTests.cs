using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using static CharacterFunctions.Roleplay.Tests.Prompting.PromptTestData;

namespace CharacterFunctions.Roleplay.Tests.Prompting;

/// <summary>Rule 7 and the cache-stable window: limits always hold, the start moves rarely and far.</summary>
public sealed class HistoryWindowTests
{
    public static TheoryData<string> Models => new(ModelCatalog.Default.All.Select(s => s.Id));

    private static readonly Player Monitor = new("p-1", "Class Monitor");

    private static CharacterProfile Speaker(string model) =>
        Character("jiang-rang", "Jiang Rang", "You are Jiang Rang, a Go prodigy. Humorous, loves to joke.", model);

    [Theory]
    [MemberData(nameof(Models))]
    public void Build_ThousandMessageConversation_EveryRequestWithinLimitsWithSystemFirst(string model)
    {
        var character = Speaker(model);
        var estimator = new TokenEstimator();
        var spec = ModelCatalog.Default.Get(model);
        var conversation = new ScriptedConversation(character, Builder(estimator)) { WithEvents = true };

        var steps = conversation.Run(500).ToList();

        Assert.True(conversation.Transcript.Count > 1000);
        Assert.All(steps, step =>
        {
            var messages = step.Prompt.Call.Body.Messages;
            Assert.InRange(messages.Count, 2, MessageBuilder.MaxMessages);
            Assert.InRange(estimator.EstimateMessages(model, messages), 1, spec.MaxInputTokens);
            Assert.Equal(ChatMessage.System(character.SystemPrompt), messages[0]);
            Assert.Equal(step.Context.NewMessages[^1].Text, messages[^1].Content);
        });
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Build_ThousandMessageConversation_WindowMovesRarelyInLargeStepsAndPrefixStaysStable(string model)
    {
        var conversation = new ScriptedConversation(Speaker(model), Builder());

        var steps = conversation.Run(500).ToList();

        var moves = 0;
        var stablePrefixes = 0;
        for (var i = 1; i < steps.Count; i++)
        {
            var before = steps[i - 1].Prompt;
            var after = steps[i].Prompt;
            var step = after.NextCursor.WindowStartSeq - before.NextCursor.WindowStartSeq;
            Assert.True(step >= 0, "the window start never moves backward");
            if (step > 0)
            {
                moves++;
                Assert.True(step >= 20, $"window moved by only {step} messages at turn {i}");
            }
            // Previous request plus its reply is a byte-identical prefix of this request.
            List<ChatMessage> previous = [.. before.Call.Body.Messages, ChatMessage.Assistant(steps[i - 1].ReplyMessage.Text)];
            var current = after.Call.Body.Messages;
            if (current.Count > previous.Count && current.Take(previous.Count).SequenceEqual(previous))
            {
                stablePrefixes++;
            }
            else
            {
                Assert.True(step > 0, $"prefix changed at turn {i} without a window move");
            }
        }
        Assert.InRange(moves, 1, steps.Count / 10);
        Assert.True(stablePrefixes >= steps.Count * 9 / 10, $"only {stablePrefixes} of {steps.Count} turns kept the prefix");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Build_StaticThousandMessageTranscript_WindowIsLatestSuffixWithinLimits(string model)
    {
        var character = Speaker(model);
        var spec = ModelCatalog.Default.Get(model);
        var estimator = new TokenEstimator();
        var transcript = Enumerable.Range(1, 1000)
            .Select(seq => seq % 2 == 1
                ? Reply(seq, character, $"Reply number {seq}: " + string.Concat(Enumerable.Repeat("move the black stone ", seq % 17 + 1)))
                : User(seq, Monitor, $"Message number {seq}: " + string.Concat(Enumerable.Repeat("why ", seq % 23 + 1))))
            .ToList();
        var session = OneToOne("s-static", character) with { LastSeq = 1000 };
        var from = MessageBuilder.HistoryReadFrom(session, CharacterCursor.Initial, character);
        var history = transcript.Where(m => m.Seq >= from).ToList();

        var built = Builder(estimator).Build(Context(session, character, history, [User(1001, Monitor, "Still there?")]));

        var messages = built.Call.Body.Messages;
        Assert.Equal(901, from);
        Assert.InRange(messages.Count, 3, MessageBuilder.MaxMessages);
        Assert.InRange(estimator.EstimateMessages(model, messages), 1, spec.MaxInputTokens);
        Assert.Equal("system", messages[0].Role);
        var expectedWindow = transcript.Where(m => m.Seq >= built.ContextFromSeq).Select(m => m.Text).Append("Still there?");
        Assert.Equal(expectedWindow, messages.Skip(1).Select(m => m.Content));
        Assert.Equal(built.ContextFromSeq, built.NextCursor.WindowStartSeq);
    }

    [Fact]
    public void Build_WindowStillFits_StartAndContextStayAtCursor()
    {
        var character = Speaker("qwen-plus-character");
        var history = Enumerable.Range(1, 10).Select(seq => seq % 2 == 1 ? Reply(seq, character, $"r{seq}") : User(seq, Monitor, $"u{seq}")).ToList();
        var cursor = CharacterCursor.Initial with { WindowStartSeq = 3 };

        var built = Builder().Build(Context(OneToOne("s", character), character, history, [User(11, Monitor, "next")], cursor: cursor));

        Assert.Equal(3, built.NextCursor.WindowStartSeq);
        Assert.Equal(3, built.ContextFromSeq);
        Assert.Equal(["r3", "u4", "r5", "u6", "r7", "u8", "r9", "u10", "next"], built.Call.Body.Messages.Skip(1).Select(m => m.Content));
    }

    [Fact]
    public void Build_HistoryReadBeforeCursor_OlderMessagesNotSent()
    {
        var character = Speaker("qwen-plus-character");
        var history = Enumerable.Range(1, 6).Select(seq => User(seq, Monitor, $"u{seq}")).ToList();

        var built = Builder().Build(Context(OneToOne("s", character), character, history, cursor: new CharacterCursor(5, 0), kind: PromptKind.IdleContinuation));

        Assert.Equal(["u5", "u6", "Jiang Rang:"], built.Call.Body.Messages.Skip(1).Select(m => m.Content));
    }

    [Fact]
    public void Build_MessageCapExceeded_WindowDropsToLowWatermark()
    {
        var character = Speaker("qwen-plus-character");
        var history = Enumerable.Range(1, 98).Select(seq => seq % 2 == 1 ? Reply(seq, character, "hi") : User(seq, Monitor, "yo")).ToList();
        var builder = Builder();

        // system + 98 + new = 100: still fits, start stays.
        var fits = builder.Build(Context(OneToOne("s", character), character, history, [User(99, Monitor, "a")]));
        // system + 99 + new = 101: must move, and far.
        var moved = builder.Build(Context(OneToOne("s", character), character, [.. history, Reply(99, character, "b")], [User(100, Monitor, "c")]));

        Assert.Equal(100, fits.Call.Body.Messages.Count);
        Assert.Equal(1, fits.NextCursor.WindowStartSeq);
        Assert.InRange(moved.Call.Body.Messages.Count, 40, (int)(MessageBuilder.MaxMessages * MessageBuilder.LowWatermark));
        Assert.Equal(moved.ContextFromSeq, moved.NextCursor.WindowStartSeq);
        Assert.True(moved.NextCursor.WindowStartSeq > 40);
    }

    [Fact]
    public void Build_MaxTokensSet_InputLeavesRoomForOutputInContextWindow()
    {
        var character = Speaker("qwen-plus-character");
        var spec = ModelCatalog.Default.Get(character.Model);
        var estimator = new TokenEstimator();
        // 28 messages of about 1,050 estimated tokens: fit the 30,000 max input, not 32,768 - 4,000.
        var longText = string.Concat(Enumerable.Repeat("a long description of the Go board ", 90));
        var history = Enumerable.Range(1, 28).Select(seq => User(seq, Monitor, longText)).ToList();
        var builder = Builder(estimator);

        var unbounded = builder.Build(Context(OneToOne("s", character), character, history, [User(29, Monitor, "and?")]));
        var bounded = builder.Build(Context(OneToOne("s", character), character, history, [User(29, Monitor, "and?")], options: new TurnOptions { MaxTokens = 4000 }));

        Assert.Equal(1, unbounded.NextCursor.WindowStartSeq);
        Assert.InRange(unbounded.EstimatedInputTokens, spec.ContextWindow - 4000 + 1, spec.MaxInputTokens);
        Assert.True(bounded.NextCursor.WindowStartSeq > 1);
        Assert.InRange(bounded.EstimatedInputTokens, 1, spec.ContextWindow - 4000);
        Assert.Equal(4000, bounded.Call.Body.MaxTokens);
    }

    [Fact]
    public void Build_SystemAndNewMessageExceedInput_ThrowsPromptTooLong()
    {
        var character = Speaker("qwen-flash-character");
        var huge = new string('x', 30_000);

        var error = Assert.Throws<RoleplayException>(() =>
            Builder().Build(Context(OneToOne("s", character), character, [], [User(1, Monitor, huge)])));

        Assert.Equal(ProblemKind.Unprocessable, error.Kind);
        Assert.Equal("prompt_too_long", error.Code);
    }

    [Fact]
    public void Build_SystemPromptAboveWatermark_KeepsSystemAndWhatFits()
    {
        // A system prompt of about 5,000 estimated tokens on an 8,000-token model: above the watermark.
        var character = Speaker("qwen-flash-character") with { SystemPrompt = string.Concat(Enumerable.Repeat("Rules of the world. ", 750)) };
        var estimator = new TokenEstimator();
        var history = Enumerable.Range(1, 90).Select(seq => User(seq, Monitor, string.Concat(Enumerable.Repeat("word ", 40)))).ToList();

        var built = Builder(estimator).Build(Context(OneToOne("s", character), character, history, [User(91, Monitor, "hello")]));

        var messages = built.Call.Body.Messages;
        Assert.Equal(character.SystemPrompt, messages[0].Content);
        Assert.InRange(estimator.EstimateMessages(character.Model, messages), 1, 8_000);
        Assert.True(messages.Count > 2, "some history still fits");
    }

    [Fact]
    public void Build_CalibratedEstimatorLearnsSmallerCounts_MoreHistoryFits()
    {
        var character = Speaker("qwen-flash-character");
        var history = Enumerable.Range(1, 90).Select(seq => User(seq, Monitor, string.Concat(Enumerable.Repeat("word ", 80)))).ToList();
        var calibrated = new TokenEstimator();
        for (var i = 0; i < 20; i++)
        {
            calibrated.Observe(character.Model, 1000, 500);
        }

        var plain = Builder().Build(Context(OneToOne("s", character), character, history, [User(91, Monitor, "hello")]));
        var learned = Builder(calibrated).Build(Context(OneToOne("s", character), character, history, [User(91, Monitor, "hello")]));

        Assert.True(learned.Call.Body.Messages.Count > plain.Call.Body.Messages.Count);
    }

    [Theory]
    [InlineData(1, 0, 10, 1)]      // short transcript: everything from the window start
    [InlineData(40, 0, 60, 40)]    // window start wins
    [InlineData(1, 0, 1000, 901)]  // never more than the message cap
    [InlineData(950, 0, 1000, 950)]
    public void HistoryReadFrom_WindowedCharacter_MaxOfCursorAndCap(long windowStart, long synced, long lastSeq, long expected)
    {
        var character = Speaker("qwen-plus-character");
        var session = OneToOne("s", character) with { LastSeq = lastSeq };

        Assert.Equal(expected, MessageBuilder.HistoryReadFrom(session, new CharacterCursor(windowStart, synced), character));
    }

    [Theory]
    [InlineData(0, 10, 1)]
    [InlineData(7, 10, 8)]
    [InlineData(3, 1000, 901)]
    public void HistoryReadFrom_LongTermMemoryCharacter_AfterSyncedSeq(long synced, long lastSeq, long expected)
    {
        var character = Speaker("qwen-plus-character") with { Memory = new MemorySettings { LongTerm = true } };
        var session = OneToOne("s", character) with { LastSeq = lastSeq };

        Assert.Equal(expected, MessageBuilder.HistoryReadFrom(session, new CharacterCursor(1, synced), character));
    }

    [Fact]
    public void Build_RegenerateAfterWindowMoves_SameMessagesWithNewSeed()
    {
        var character = Speaker("qwen-flash-character");
        var builder = Builder();
        var conversation = new ScriptedConversation(character, builder) { WithEvents = true };
        var steps = conversation.Run(200).ToList();
        Assert.Contains(steps, s => s.Prompt.NextCursor.WindowStartSeq > 1);

        foreach (var step in steps.Where((_, i) => i % 7 == 0))
        {
            var reply = step.ReplyMessage;
            var history = conversation.Transcript.Where(m => m.Seq >= reply.ContextFromSeq && m.Seq < reply.Seq).ToList();
            var regenerate = step.Context with
            {
                Session = conversation.Session,
                History = history,
                NewMessages = [],
                Cursor = step.Context.Cursor with { WindowStartSeq = reply.ContextFromSeq!.Value },
                Options = new TurnOptions { Seed = 999_999 },
            };

            var again = builder.Build(regenerate);

            Assert.Equal(MessagesJson(step.Prompt.Call.Body.Messages), MessagesJson(again.Call.Body.Messages));
            Assert.Equal(999_999, again.Call.Body.Seed);
        }
    }
}
