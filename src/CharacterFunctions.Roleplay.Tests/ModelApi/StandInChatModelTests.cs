using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

public sealed class StandInChatModelTests
{
    private static ModelCall Call(IReadOnlyList<ChatMessage> messages, int? n = null, long? seed = null) =>
        new(new ChatCompletionRequest { Model = "qwen-plus-character", Messages = messages, N = n, Seed = seed }, "s-1");

    private static readonly ChatMessage System = ChatMessage.System("You are Jiang Rang, a male Go prodigy.");

    [Fact]
    public async Task CompleteAsync_UserMessage_AnswersLabelledWithNameAndQuote()
    {
        var result = await new StandInChatModel().CompleteAsync(Call([System, ChatMessage.User("I'm reading a book.")]), CancellationToken.None);

        Assert.Equal("[offline stand-in] Jiang Rang hears: \"I'm reading a book.\"", Assert.Single(result.Completion!.Choices));
        Assert.True(result.Completion.Usage.PromptTokens > 0);
        Assert.True(result.Completion.Usage.CompletionTokens > 0);
        Assert.Equal("qwen-plus-character", result.Completion.Model);
    }

    [Fact]
    public async Task CompleteAsync_TrailingPartialName_UsesThatName()
    {
        var messages = new[] { System, ChatMessage.User("Cheng Yi: anyone up for a livestream?"), ChatMessage.PartialAssistant("Ling Lu:") };

        var result = await new StandInChatModel().CompleteAsync(Call(messages), CancellationToken.None);

        Assert.StartsWith("[offline stand-in] Ling Lu hears: \"Cheng Yi: anyone up", result.Completion!.Choices[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_Continuation_SaysStillWaiting()
    {
        var messages = new[] { System, ChatMessage.Assistant("Jiang Rang: Hello?"), ChatMessage.PartialAssistant("Jiang Rang:") };

        var result = await new StandInChatModel().CompleteAsync(Call(messages), CancellationToken.None);

        Assert.Equal("[offline stand-in] Jiang Rang is still waiting for you...", result.Completion!.Choices[0]);
    }

    [Fact]
    public async Task CompleteAsync_GameEvent_Notices()
    {
        var messages = new[] { System, ChatMessage.User("hi"), ChatMessage.System("Player enters Level 3"), ChatMessage.PartialAssistant("Jiang Rang:") };

        var result = await new StandInChatModel().CompleteAsync(Call(messages), CancellationToken.None);

        Assert.Equal("[offline stand-in] Jiang Rang notices: \"Player enters Level 3\"", result.Completion!.Choices[0]);
    }

    [Fact]
    public async Task CompleteAsync_LongText_IsShortened()
    {
        var result = await new StandInChatModel().CompleteAsync(Call([System, ChatMessage.User(new string('a', 500))]), CancellationToken.None);

        Assert.True(result.Completion!.Choices[0].Length < 150);
        Assert.EndsWith("…\"", result.Completion.Choices[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_NThree_GivesThreeDistinctAlternatives()
    {
        var result = await new StandInChatModel().CompleteAsync(Call([System, ChatMessage.User("hi")], n: 3), CancellationToken.None);

        Assert.Equal(3, result.Completion!.Choices.Distinct().Count());
        Assert.All(result.Completion.Choices, c => Assert.StartsWith(StandInChatModel.Label, c, StringComparison.Ordinal));
        Assert.Equal(3, result.Completion.FinishReasons.Count);
    }

    [Fact]
    public async Task CompleteAsync_SameRequestTwice_IsDeterministic_DifferentSeedDiffers()
    {
        var model = new StandInChatModel();
        var messages = new[] { System, ChatMessage.User("hi") };

        var first = await model.CompleteAsync(Call(messages, seed: 7), CancellationToken.None);
        var second = await model.CompleteAsync(Call(messages, seed: 7), CancellationToken.None);
        var reseeded = await model.CompleteAsync(Call(messages, seed: 8), CancellationToken.None);

        Assert.Equal(first.Completion!.Choices, second.Completion!.Choices);
        Assert.Equal(first.Completion.Usage, second.Completion.Usage);
        Assert.Equal(first.Completion.Id, second.Completion.Id);
        Assert.NotEqual(first.Completion.Choices[0], reseeded.Completion!.Choices[0]);
    }

    [Fact]
    public async Task StreamAsync_YieldsDeltasThatAddUpToCompleted()
    {
        var events = new List<ModelStreamEvent>();
        await foreach (var e in new StandInChatModel().StreamAsync(Call([System, ChatMessage.User("tell me a story")], n: 2), CancellationToken.None))
        {
            events.Add(e);
        }

        var completed = Assert.IsType<ModelStreamEvent.Completed>(events[^1]);
        var deltas = events.OfType<ModelStreamEvent.Delta>().ToList();
        Assert.True(deltas.Count >= 4);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(completed.Completion.Choices[i], string.Concat(deltas.Where(d => d.ChoiceIndex == i).Select(d => d.Text)));
        }
    }

    [Fact]
    public void IsOffline_IsTrue() => Assert.True(new StandInChatModel().IsOffline);
}
