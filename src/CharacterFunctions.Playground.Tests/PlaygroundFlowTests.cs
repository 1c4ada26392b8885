using System.Text.Json.Nodes;
using CharacterFunctions.Playground.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CharacterFunctions.Playground.Tests;

/// <summary>The playground driven in headless Chromium against the real local host and the fake model.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundFlowTests(PlaygroundFixture fixture)
{
    private const string Prompt = "You are Jiang Rang, a Go prodigy. The user is your class monitor.";
    private const string Opening = "Class monitor, what are you up to?";

    // Records what the streaming bubble showed before the committed reply replaced it.
    private const string StreamRecorder = """
        window.__streamed = [];
        new MutationObserver(() => {
          for (const li of document.querySelectorAll('li.streaming')) {
            const text = li.querySelector('.text')?.textContent;
            if (text) { window.__streamed.push(text); }
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """;

    [Fact]
    public async Task OneToOneSession_TurnNudgeEventAndAlternatives_EachAppearsAndMatchesTheApi()
    {
        var page = new PlaygroundPage(await fixture.NewPageAsync());
        await page.Page.AddInitScriptAsync(StreamRecorder);
        await page.OpenAsync();

        // Development mode: the host says the documented key is in force, so the page prefilled it.
        await Expect(page.Page.GetByLabel("Operator key", new() { Exact = true })).ToHaveValueAsync(PlaygroundFixture.DevelopmentOperatorKey);

        var characterId = NewId("jiang-rang");
        await page.CreateCharacterAsync(characterId, "Jiang Rang", Prompt, Opening);
        var sessionId = await page.StartSessionAsync([characterId], [("p-1", "Class Monitor")], idleAfterSeconds: 2, maxNudges: 1);
        await Expect(page.Messages("opening")).ToContainTextAsync(Opening);

        // Streamed turn: deltas shown while writing, then the committed reply.
        await page.SendAsync("I am reading a book.", stream: true);
        await Expect(page.Messages("reply")).ToContainTextAsync("Reply 1 to: I am reading a book.");
        var streamed = await page.Page.EvaluateAsync<string[]>("window.__streamed");
        Assert.Contains(streamed, text => text.Contains("Reply 1 to: I am reading a book.", StringComparison.Ordinal));

        // Operator view: the previewed request is exactly what the model received for the turn.
        var shown = JsonNode.Parse((await page.Previews.First.TextContentAsync())!);
        // The turn's request (the idle timer runs from the opening line, so a nudge may come before or after it).
        var received = Assert.Single(fixture.ModelBodies(sessionId), b => b["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>() == "I am reading a book.");
        Assert.True(JsonNode.DeepEquals(shown, received), $"preview {shown} != received {received}");
        Assert.True(received["stream"]!.GetValue<bool>());

        // Silence after the reply: the idle nudge arrives by long poll (at most one in a row).
        var nudgeAfterReply = page.Transcript.Locator("li[data-kind=reply] ~ li[data-kind=nudge]");
        await Expect(nudgeAfterReply).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        // A game event answered now: the event and the character's reaction arrive by long poll.
        await page.PostEventAsync("The school bell rings.", reactNow: true);
        await Expect(page.Messages("event")).ToContainTextAsync("The school bell rings.");
        await Expect(page.Messages("reaction")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var reaction = page.Messages("reaction");
        var firstText = (await reaction.Locator(".text").TextContentAsync())!;

        // Regenerate the reaction: two alternatives, the new one selected; then pick the first again.
        await reaction.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        var alternatives = page.Messages("reaction").GetByRole(AriaRole.Radio);
        await Expect(alternatives).ToHaveCountAsync(2);
        await Expect(alternatives.Nth(1)).ToBeCheckedAsync();
        await alternatives.Nth(0).CheckAsync();
        await Expect(page.Messages("reaction").Locator(".text")).ToHaveTextAsync(firstText);
        await Expect(page.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Alternative 1 selected");

        var stored = (await fixture.TranscriptAsync(sessionId)).Last(m => m!["kind"]!.GetValue<string>() == "reaction")!;
        Assert.Equal(0, stored["selected"]!.GetValue<int>());
        Assert.Equal(firstText, stored["text"]!.GetValue<string>());

        // Usage and estimated cost of the session, as GET /api/sessions/{id} reports them.
        await Expect(page.Fact("Tokens in / out / cached")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 /"));
        await Expect(page.Fact("Estimated cost")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 "));
        await page.ScreenshotAsync("desktop.png");

        // The same session on a phone: opened by id with the operator key, nothing wider than the screen.
        var phone = new PlaygroundPage(await fixture.NewPageAsync(390, 844, mobile: true));
        await phone.OpenAsync();
        await phone.Page.GetByLabel("Session id").FillAsync(sessionId);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Expect(phone.Messages("reaction")).ToHaveCountAsync(1);
        await Expect(phone.Transcript.Locator("li[data-kind=reply] ~ li[data-kind=nudge]")).ToHaveCountAsync(1);
        Assert.True(await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways at phone width.");
        await phone.ScreenshotAsync("phone.png");
        await phone.Page.Context.CloseAsync();
        await page.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task TurnWithTwoAlternatives_SelectSecondThenRegenerate_TranscriptFollows()
    {
        var page = new PlaygroundPage(await fixture.NewPageAsync());
        await page.OpenAsync();
        var characterId = NewId("alt");
        await page.CreateCharacterAsync(characterId, "Alt Rang", Prompt, null);
        var sessionId = await page.StartSessionAsync([characterId], [("p-1", "Class Monitor")]);

        await page.SendAsync("Pick one.", n: 2, stream: false);
        var reply = page.Messages("reply");
        await Expect(reply.GetByRole(AriaRole.Radio)).ToHaveCountAsync(2);
        await Expect(reply.GetByRole(AriaRole.Radio).Nth(1)).ToHaveAccessibleNameAsync("2: Reply 2 to: Pick one.");
        await reply.GetByRole(AriaRole.Radio).Nth(1).CheckAsync();
        await Expect(page.Messages("reply").Locator(".text")).ToHaveTextAsync("Reply 2 to: Pick one.");

        var stored = (await fixture.TranscriptAsync(sessionId)).Last()!;
        Assert.Equal(("Reply 2 to: Pick one.", 1), (stored["text"]!.GetValue<string>(), stored["selected"]!.GetValue<int>()));
        var request = Assert.Single(fixture.ModelBodies(sessionId));
        Assert.Equal(2, request["n"]!.GetValue<int>());

        await page.Messages("reply").GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await Expect(page.Messages("reply").GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
        await Expect(page.Messages("reply").GetByRole(AriaRole.Radio).Nth(2)).ToBeCheckedAsync();
        Assert.Equal(3, (await fixture.TranscriptAsync(sessionId)).Last()!["alternatives"]!.AsArray().Count);
        await page.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task GroupSession_HeldEventThenTurnForOnePlayerAndCharacter_PreviewAndTranscriptShowIt()
    {
        var page = new PlaygroundPage(await fixture.NewPageAsync());
        await page.OpenAsync();
        var jiang = NewId("g-jiang");
        var ling = NewId("g-ling");
        await page.CreateCharacterAsync(jiang, "Jiang Rang", Prompt, Opening);
        await page.CreateCharacterAsync(ling, "Ling Lu", "You are Ling Lu, a calm classmate.", null);
        var sessionId = await page.StartSessionAsync([jiang, ling], [("p-1", "Class Monitor"), ("p-2", "Xiao Mei")]);

        await page.PostEventAsync("It starts to rain.", reactNow: false);
        await Expect(page.Fact("Pending events")).ToHaveTextAsync("1");
        await page.SendAsync("Who has an umbrella?", speakAs: "Xiao Mei (p-2)", replyFrom: "Ling Lu");

        await Expect(page.Messages("reply")).ToContainTextAsync("Ling Lu");
        var kinds = await page.Transcript.Locator("li[data-seq]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)");
        Assert.Equal(["opening", "event", "user", "reply"], kinds);
        await Expect(page.Messages("user")).ToContainTextAsync("Xiao Mei");

        // The operator view shows the group request: sessionId:characterId header, trailing partial "Ling Lu:".
        await Expect(page.Page.Locator("#previews pre.headers").First).ToContainTextAsync($"x-dashscope-aca-session: {sessionId}:{ling}");
        var shown = JsonNode.Parse((await page.Previews.First.TextContentAsync())!);
        var received = Assert.Single(fixture.ModelBodies($"{sessionId}:{ling}"));
        Assert.True(JsonNode.DeepEquals(shown, received), $"preview {shown} != received {received}");
        Assert.Equal("Ling Lu:", received["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>());
        await page.Page.Context.CloseAsync();
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
