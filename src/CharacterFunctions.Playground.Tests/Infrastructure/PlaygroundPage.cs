using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CharacterFunctions.Playground.Tests.Infrastructure;

/// <summary>The playground as a user drives it: by labels and roles, the way assistive technology sees it.</summary>
public sealed class PlaygroundPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Transcript => Page.GetByRole(AriaRole.Log, new() { Name = "Transcript" });
    public ILocator Alert => Page.GetByRole(AriaRole.Alert);
    public ILocator Previews => Page.Locator("#previews pre.request");

    public ILocator Messages(string kind) => Transcript.Locator($"li[data-kind=\"{kind}\"]");

    public ILocator Fact(string name) => Page.Locator($"#session-facts dd[data-fact=\"{name}\"]");

    public async Task OpenAsync()
    {
        await Page.GotoAsync("/");
        await Expect(Page.GetByText("Model:", new() { Exact = false }).First).ToBeVisibleAsync();
    }

    public async Task CreateCharacterAsync(string id, string name, string prompt, string? openingLine)
    {
        var form = Page.Locator("#character-form");
        await form.GetByLabel("Id").FillAsync(id);
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("System prompt").FillAsync(prompt);
        if (openingLine is not null)
        {
            await form.GetByLabel("Opening line").FillAsync(openingLine);
        }
        await form.GetByRole(AriaRole.Button, new() { Name = "Save character" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Stored characters" })).ToContainTextAsync($"({id})");
    }

    /// <summary>Starts a session with these characters and (id, name) players; returns the session id.</summary>
    public async Task<string> StartSessionAsync(string[] characterIds, (string Id, string Name)[] players, int idleAfterSeconds = 0, int maxNudges = 1)
    {
        var form = Page.Locator("#session-form");
        // Exactly these, by id: tests share one host, so names repeat and the page may have pre-checked one.
        foreach (var box in await form.Locator("input[name=characterIds]").AllAsync())
        {
            var value = await box.GetAttributeAsync("value");
            await box.SetCheckedAsync(Array.IndexOf(characterIds, value) >= 0);
        }
        for (var i = 0; i < players.Length; i++)
        {
            if (i > 0)
            {
                await form.GetByRole(AriaRole.Button, new() { Name = "Add player" }).ClickAsync();
            }
            await form.GetByLabel($"Player {i + 1} id").FillAsync(players[i].Id);
            await form.GetByLabel("Name").Nth(i).FillAsync(players[i].Name);
        }
        await form.GetByLabel("After seconds").FillAsync(idleAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("At most in a row").FillAsync(maxNudges.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();

        var title = Page.Locator("#chat-title");
        await Expect(title).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Session \\S+$"));
        return (await title.TextContentAsync())!["Session ".Length..].Trim();
    }

    /// <summary>Types a message and sends it with the Enter key (the keyboard path).</summary>
    public async Task SendAsync(string text, int n = 1, bool stream = true, string? speakAs = null, string? replyFrom = null)
    {
        var form = Page.Locator("#turn-form");
        if (speakAs is not null)
        {
            await form.GetByLabel("Speak as").SelectOptionAsync(new SelectOptionValue { Label = speakAs });
        }
        if (replyFrom is not null)
        {
            await form.GetByLabel("Reply from").SelectOptionAsync(new SelectOptionValue { Label = replyFrom });
        }
        await form.GetByLabel("Alternatives (n)").FillAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Stream reply").SetCheckedAsync(stream);
        var box = form.GetByLabel("Message");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("", new() { Timeout = 15_000 });
    }

    public async Task PostEventAsync(string text, bool reactNow)
    {
        var form = Page.Locator("#event-form");
        await form.GetByLabel("Event text").FillAsync(text);
        await form.GetByLabel("React now").SetCheckedAsync(reactNow);
        await form.GetByRole(AriaRole.Button, new() { Name = "Post event" }).ClickAsync();
    }

    public Task ScreenshotAsync(string fileName) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf(fileName), FullPage = true });
}
